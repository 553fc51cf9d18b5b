/** The SQLSTATE of a failed statement: node-postgres puts it on the error, drizzle on its cause. */
export const sqlState = (e: unknown): string | undefined => {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code ?? err?.cause?.code;
};
