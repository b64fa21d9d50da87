/**
 * errno names for the messages that the attr and coreutils tools print (glibc's strerror
 * text). Node has no xattr or mknod call, so those go through `setfattr` and `mknod`, and
 * their one-line complaint is turned back into the errno a program would have seen.
 */
const BY_MESSAGE: Record<string, string> = {
  'Operation not permitted': 'EPERM',
  'No such file or directory': 'ENOENT',
  'Input/output error': 'EIO',
  'Permission denied': 'EACCES',
  'File exists': 'EEXIST',
  'Invalid cross-device link': 'EXDEV',
  'Not a directory': 'ENOTDIR',
  'Is a directory': 'EISDIR',
  'Invalid argument': 'EINVAL',
  'No space left on device': 'ENOSPC',
  'Read-only file system': 'EROFS',
  'Too many links': 'EMLINK',
  'Numerical result out of range': 'ERANGE',
  'Argument list too long': 'E2BIG',
  'File name too long': 'ENAMETOOLONG',
  'Directory not empty': 'ENOTEMPTY',
  'Too many levels of symbolic links': 'ELOOP',
  'No data available': 'ENODATA',
  'Operation not supported': 'EOPNOTSUPP',
  'Stale file handle': 'ESTALE',
  'Unknown system error -116': 'ESTALE',
  'Disk quota exceeded': 'EDQUOT',
  'Bad file descriptor': 'EBADF',
  'Text file busy': 'ETXTBSY',
  'Device or resource busy': 'EBUSY',
};

/** The errno named in a tool's error output, or EIO when the text is not recognized. */
export function errnoFromToolOutput(stderr: string): string {
  for (const [message, code] of Object.entries(BY_MESSAGE)) {
    if (stderr.includes(message)) return code;
  }
  return 'EIO';
}
