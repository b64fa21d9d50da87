/* The hashing worker: the archive worker's layer hashes (diff IDs) run here, beside its reading and parsing. */
import { serveSha256, type Port } from '../../../../src/browser';

serveSha256(self as unknown as Port);
