import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS } from './access.decorators';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { parseEnvironment } from '../config/environment';
import { DataSource } from 'typeorm';

type ModuleRef = Type | DynamicModule | Promise<DynamicModule>;

/** Every controller reachable from the application module, statically (no database needed). */
function controllersOf(module: ModuleRef, seen = new Set<unknown>()): Type[] {
  if (module instanceof Promise || seen.has(module)) return [];
  seen.add(module);
  const dynamic = 'module' in module ? (module as DynamicModule) : undefined;
  const type = dynamic ? dynamic.module : (module as Type);
  const controllers = [...(Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) ?? []), ...(dynamic?.controllers ?? [])];
  const imports: ModuleRef[] = [...(Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) ?? []), ...(dynamic?.imports ?? [])];
  return [...controllers, ...imports.flatMap((child) => controllersOf(child, seen))];
}

describe('route access', () => {
  const root = AppModule.register(new AppConfig(parseEnvironment({}), 'postgres://x/y', 'k'.repeat(32), false), {} as DataSource);
  const controllers = controllersOf(root);

  it('finds every controller of the source tree', () => {
    const files = readdirSync(join(__dirname, '..'), { recursive: true }).filter((file) => String(file).endsWith('.controller.ts'));
    expect(controllers.length).toBe(files.length);
  });

  it('every route is guarded by a permission, needs a signed-in caller, or is explicitly public', () => {
    const undeclared: string[] = [];
    for (const controller of controllers) {
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (!Reflect.getMetadata(ACCESS, handler) && !Reflect.getMetadata(ACCESS, controller)) undeclared.push(`${controller.name}.${name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});
