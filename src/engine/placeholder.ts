// Shared placeholder and stop-word filter: values that look like a credential's slot, not a credential.
// Applied to every candidate secret unless a rule opts out (checksummed or structurally verified kinds).

// Words that mark documentation, templates and masked output. Matched case-insensitively as substrings.
const PLACEHOLDER_WORDS = [
  "example",
  "placeholder",
  "changeme",
  "change_me",
  "change-me",
  "replaceme",
  "replace_me",
  "redacted",
  "dummy",
  "insert_",
  "insert-",
  "xxxxx",
  "*****",
  "your_",
  "your-",
  "yourkey",
  "yoursecret",
  "yourtoken",
  "yourpassword",
  "<your",
  "[your",
  "{your",
  "notreal",
  "not_real",
  "not-a-real",
  "fake_",
  "fakefake",
  "sample_",
  "lorem",
  "[masked]",
  "[redacted]",
  // HTML-escaped templates (`&lt;your-key&gt;`) and well-known documentation sequences.
  "&lt;",
  "&gt;",
  "a1b2c3",
  "abcdefg",
  // Environment and configuration lookups captured as a value.
  "process.env",
  "os.environ",
  "getenv(",
];

// Whole-value shapes of templates, interpolations and masks.
const PLACEHOLDER_SHAPES: RegExp[] = [
  /\$\{\{?[^}]*\}\}?/, // ${VAR}, ${{ secrets.X }}
  /\{\{[^}]*\}\}/, // {{ var }}
  /\$\([A-Za-z_][A-Za-z0-9_.]*\)/, // $(secret) in Azure Pipelines
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^<[^<>]{1,80}>$/, // <your-key>
  /^\[[^[\]]{1,80}\]$/,
  /^\*+$/,
  /^(?:x+|X+|0+|1+|a+|z+|\.+|-+|_+|#+)$/,
  /(.)\1{7,}/, // a run of eight identical characters does not occur in random key material
  /(?:0123456789|123456789|abcdefghij|ABCDEFGHIJ|qwertyuiop)/,
  /#\{[^}]*\}/, // #{var} (Ruby, CoffeeScript)
  /<%.*%>/, // <%= erb %>
  /%\([A-Za-z_][A-Za-z0-9_]*\)s/, // %(name)s
  /^\{\d{0,2}\}$/, // {0}, {}
  // Non-values, and the slot's own name ("password" where a password goes): placeholders in every mode.
  /^(?:null|none|nil|undefined|true|false|token|string|user|username|str|bool|int|any|password|passwd|pass|pwd)$/i,
  // Stand-in values of tests and tutorials.
  /^(?:foo|bar|baz|qux|foobar|xyz|abc|abc123|asdf|asdfg|asdfgh|qwer|qwerty|sample|hunter2|mypass|mysecret|mytoken)$/i,
];

// Bare words that are placeholders in most slots but real (weak, default) passwords in a slot whose
// structure is unambiguous, such as a connection string: rules opt out of these with `placeholderCheck: templates`.
const WEAK_DEFAULTS = /^(?:secret|test|testing|admin|root|default)$/i;

export interface PlaceholderOptions {
  /** Accept bare default words ("secret", "admin"): only templates, masks and documentation markers are placeholders. */
  allowWeakDefaults?: boolean;
}

/** True when a candidate secret is a template, mask or documentation placeholder. */
export function isPlaceholder(secret: string, opts: PlaceholderOptions = {}): boolean {
  const lower = secret.toLowerCase();
  for (const w of PLACEHOLDER_WORDS) if (lower.includes(w)) return true;
  for (const re of PLACEHOLDER_SHAPES) if (re.test(secret)) return true;
  return !opts.allowWeakDefaults && WEAK_DEFAULTS.test(secret);
}

/** True when the secret contains one of the rule's stop-words (case-insensitive). */
export function hasStopword(secret: string, stopwords: readonly string[]): boolean {
  if (!stopwords.length) return false;
  const lower = secret.toLowerCase();
  return stopwords.some((w) => lower.includes(w.toLowerCase()));
}
