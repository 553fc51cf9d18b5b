// The native argon2 library is loaded at the first hash or check, not at start: no request before
// the first sign-in needs it, and loading it is part of every start otherwise (issue 17).
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const library = () => {
  argon2 ??= import('@node-rs/argon2');
  return argon2;
};

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum recommendation).
export async function hashPassword(password: string): Promise<string> {
  return (await library()).hash(password);
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against the stored hash, or against a throw-away hash when there is no user, so that
 * "unknown user" and "wrong password" take the same time and give the same answer.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  const { verify } = await library();
  if (!storedHash) {
    dummyHash ??= hashPassword('no-such-user-placeholder');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
