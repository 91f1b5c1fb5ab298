// Bounds the engine promises to honour when an input is scanned in pieces.

/**
 * The longest secret the scanner guarantees to find when an input is scanned in chunks (big files,
 * stdin): chunks overlap by this many bytes. 32 KiB holds the largest PEM and PGP private-key blocks
 * (an RSA 8192 key is about 6.5 KB) and any token with room to spare.
 */
export const MAX_SECRET_LENGTH = 32 * 1024;
