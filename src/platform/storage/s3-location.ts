export interface S3Location {
  bucket: string;
  /** Prepended to every object name, '' or ending in '/'. */
  prefix: string;
}

/** `s3://bucket` or `s3://bucket/some/prefix` → bucket and a prefix that ends in '/' (or is empty). */
export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  if (!m?.[1]) throw new Error(`not an s3:// URL: ${url}`);
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: m[1], prefix: prefix ? `${prefix}/` : '' };
}
