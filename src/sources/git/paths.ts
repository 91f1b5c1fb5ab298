// Git paths are bytes. Inside the git source they stay raw (latin1 strings, one char per byte); for
// reports they become text: UTF-8 when the bytes are valid UTF-8, otherwise each undecodable byte
// is written as \xNN (and a literal backslash as \\) so two different names never print the same.

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The report form of a raw git path. */
export function displayPath(raw: string): string {
  const bytes = Buffer.from(raw, "latin1");
  if (!bytes.some((b) => b >= 0x80)) return raw;
  try {
    return decoder.decode(bytes);
  } catch {
    return escapeInvalid(bytes);
  }
}

function escapeInvalid(bytes: Buffer): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 1) {
      out += b === 0x5c ? "\\\\" : String.fromCharCode(b);
      i++;
      continue;
    }
    if (len > 1 && i + len <= bytes.length) {
      try {
        out += decoder.decode(bytes.subarray(i, i + len));
        i += len;
        continue;
      } catch {
        /* not a valid sequence: escape the lead byte */
      }
    }
    out += `\\x${b.toString(16).padStart(2, "0")}`;
    i++;
  }
  return out;
}
