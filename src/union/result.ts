import type { Errno } from './errno';

/** What a lookup or a read gives: the value, or the errno the kernel would return instead. */
export type Result<T> = T | { errno: Errno };
export const err = (errno: Errno): { errno: Errno } => ({ errno });
export const isErr = <T>(v: Result<T>): v is { errno: Errno } => typeof v === 'object' && v !== null && 'errno' in v;
