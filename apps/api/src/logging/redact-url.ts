const SECRET_PARAMETERS = new Set(['access_token', 'id_token', 'token', 'refresh_token']);

/** The URL with the values of token-carrying query parameters replaced, for logs. */
export function redactUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const params = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const name = pair.split('=')[0];
      return SECRET_PARAMETERS.has(safeDecode(name).toLowerCase()) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${params.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
