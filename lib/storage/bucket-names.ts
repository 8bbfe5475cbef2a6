// Bucket names as the stores' own checks read them. The library writes the bucket into copilot's
// `--storage.container` flag and Admin's `storage.container`: a name the store refuses fails every
// task at run time, so it is refused here, with the rule it breaks.

/** Four dot-separated numbers: S3 and MinIO refuse bucket names shaped as IPv4 addresses (`^(\d+\.){3}\d+$`). */
const IP_SHAPED = /^(\d+\.){3}\d+$/;

/**
 * Why MinIO refuses `bucket`, or undefined: minio-go `s3utils.CheckValidBucketNameStrict`, which
 * the MinIO server applies to new buckets (3 to 63 characters, lower-case letters, digits, `.` and
 * `-`, alphanumeric at both ends, not IP-shaped, no `..`, `.-` or `-.`).
 */
export function minioBucketProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63) return `it has ${bucket.length} characters`;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(bucket)) return 'only lower-case letters, digits, "." and "-", with a letter or digit at both ends';
  if (IP_SHAPED.test(bucket)) return 'it is shaped like an IP address';
  const pair = ['..', '.-', '-.'].find((p) => bucket.includes(p));
  return pair === undefined ? undefined : `it contains "${pair}"`;
}

/** Prefixes and suffixes S3 reserves (Amazon S3 User Guide, "General purpose bucket naming rules"). */
const S3_RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const S3_RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * Why S3 refuses `bucket`, or undefined: the rules of general purpose buckets (3 to 63
 * characters of lower-case letters, digits, `.` and `-`, alphanumeric at both ends, no `..`, not
 * an IP address, none of the reserved prefixes and suffixes). `ObjectStore.s3` also speaks to
 * stores of the S3 API (MinIO, Ceph) and addresses buckets as DNS labels, so MinIO's `.-` and `-.`
 * are refused too.
 */
export function s3BucketProblem(bucket: string): string | undefined {
  const common = minioBucketProblem(bucket);
  if (common !== undefined) return common;
  const prefix = S3_RESERVED_PREFIXES.find((p) => bucket.startsWith(p));
  if (prefix !== undefined) return `S3 reserves the prefix ${prefix}`;
  const suffix = S3_RESERVED_SUFFIXES.find((p) => bucket.endsWith(p));
  return suffix === undefined ? undefined : `S3 reserves the suffix ${suffix}`;
}
