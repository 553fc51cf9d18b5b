/** Parsers for command-line option values, shared by the commands (no imports: `lsc --help` loads this). */

export function positiveInteger(flag: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a whole number of at least 1, not "${value}"`);
    return n;
  };
}
