/* Pure: the streamed layer hash is the union engine's one SHA-256, fed piece by piece. */
export { Sha256 } from '../union/sha256';
