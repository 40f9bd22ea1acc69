/** The parts of Express 5's router (router 2.x) that say which methods a path answers. */
interface RouterLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): unknown;
}
export interface RoutedApp {
  router: { stack: object[] };
}

export type AllowedMethods = (path: string) => string[];

/**
 * The methods that the app's routes serve for a path, read from Express's own route table when a request
 * found no route: so a known path with the wrong method is a 405 with `Allow`, and nothing is added to the
 * requests that do match.
 */
export function allowedMethodsOf(app: RoutedApp): AllowedMethods {
  return (path) => {
    const methods = new Set<string>();
    for (const layer of app.router.stack as RouterLayer[]) {
      if (!layer.route || !layer.match(path)) continue;
      for (const [method, served] of Object.entries(layer.route.methods)) if (served && method !== '_all') methods.add(method.toUpperCase());
    }
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
