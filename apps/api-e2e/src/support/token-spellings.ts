const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function withSignature(token: string, respell: (signature: string) => string): string {
  const [header, payload, signature] = token.split('.');
  return `${header}.${payload}.${respell(signature)}`;
}

/**
 * The re-spellings of one token that a lenient base64url decoder (Node's, so jose's) reads as the same
 * token, each keeping the signature valid. The token's signature must hold a `-` or `_`.
 */
export function respellings(token: string): Record<string, string> {
  if (!/[-_]/.test(token.split('.')[2])) throw new Error('the signature holds no - or _ to rewrite');
  return {
    'padding appended': `${token}=`,
    "the last character's unused bits flipped": withSignature(token, (signature) => signature.slice(0, -1) + ALPHABET[ALPHABET.indexOf(signature.at(-1)!) ^ 1]),
    '-_ written as +/': withSignature(token, (signature) => signature.replace(/-/g, '+').replace(/_/g, '/')),
    '!!! inserted': withSignature(token, (signature) => `${signature.slice(0, 10)}!!!${signature.slice(10)}`),
  };
}

/** The `n`th of many distinct spellings: `!`s inserted into the signature at a position and count `n` picks. */
export function nthRespelling(token: string, n: number): string {
  return withSignature(token, (signature) => {
    const at = n % signature.length;
    return signature.slice(0, at) + '!'.repeat(1 + Math.floor(n / signature.length)) + signature.slice(at);
  });
}
