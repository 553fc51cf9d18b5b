/** The package formats a download file is uploaded as: what the command offers and the upload checks. */
export const FORMATS = ['ISO', 'EXE', 'ZIP', 'MSI'] as const;
