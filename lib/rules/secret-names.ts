/**
 * Whether a setting's name says that it holds a secret, judged by the name's structure rather than
 * by words in it. The rule is published in docs/secrets.md; the corpus of real names it is tested
 * on is test/check/secret-names.corpus.ts.
 *
 * A name is a compound noun: qualifiers, then a head that says what the setting holds
 * (`PASSWORD_MIN_LENGTH` holds a length, `DB_PASSWORD` a password). It holds a secret when its head
 * is a secret noun, unless a qualifier makes it a switch or a quantity about the secret
 * (`ALLOW_EMPTY_PASSWORD`, `MAX_TOKENS`).
 */

/** Every name that can hold a secret contains one of these (case-insensitive): a fast first test. */
export const SECRET_STEMS = /pass|pw|secret|token|key|credential|cookie|salt/i;

/** Heads that name a secret on their own (`DB_PASSWORD`, `DB_PASSWD`, `DEFAULT_PASS`, `API_TOKEN`). */
const SECRET_NOUNS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'pw', 'pass', 'passphrase', 'secret', 'secrets', 'token', 'tokens',
  'credential', 'credentials', 'salt', 'apikey', 'apikeys', 'secretkey', 'accesskey', 'privatekey',
]);
/** A `key` is a secret only as one of these (`API_KEY`, `AWS_SECRET_ACCESS_KEY`, `FERNET_KEY`); `sortKey` is not. */
const KEY_QUALIFIERS = new Set([
  'secret', 'private', 'api', 'access', 'signing', 'sign', 'encryption', 'encrypt', 'decryption', 'fernet', 'master',
  'license', 'account', 'hmac', 'shared', 'auth', 'app', 'session', 'nonce', 'jwt',
]);
/**
 * A TLS key is a secret when its form says it is the content (`SSL_KEY_B64`, `TLS_KEY_PEM`). Bare,
 * the name holds a path as often (`REGISTRY_HTTP_TLS_KEY`, libpq's `PGSSLKEY`) as the key itself.
 */
const CONTENT_KEY_QUALIFIERS = new Set(['ssl', 'tls']);
/** A `secret` after one of these names the Secret object that holds the value (`passwordSecret`, `existingSecret`). */
const SECRET_OBJECT_QUALIFIERS = new Set([
  'password', 'passwd', 'pwd', 'pass', 'token', 'key', 'keys', 'tls', 'ssl', 'ca', 'cert', 'certificate', 'conn', 'connection',
  'url', 'uri', 'dsn', 'credentials', 'existing', 'env', 'vars', 'pull',
]);
/** A `token` after one of these is a unit of text, not a credential (a tokenizer's `eos_token`). */
const TEXT_TOKEN_QUALIFIERS = new Set(['bos', 'eos', 'pad', 'unk', 'cls', 'sep', 'mask', 'stop', 'special']);
/** A `cookie` is a secret only as Erlang's shared cookie (`RABBITMQ_ERLANG_COOKIE`). */
const COOKIE_QUALIFIERS = new Set(['erlang', 'erl']);

/**
 * Qualifiers that turn the name into a switch or a quantity about the secret, never the secret:
 * a verb (`ALLOW_EMPTY_PASSWORD`, `ENABLE_LOGIN_TOKEN`, `UPDATE_PASSWORD`), an adjective that leaves
 * nothing to hide (`EMPTY`, `RANDOM`, `ONETIME`: generated or absent), or a count (`MAX_TOKENS`,
 * `NUM_TOKENS`, `QUOTA_ORG_API_KEY`).
 */
const SWITCH_QUALIFIERS = new Set([
  'allow', 'enable', 'disable', 'require', 'skip', 'use', 'generate', 'gen', 'force', 'update', 'reset', 'rotate', 'no',
  'empty', 'random', 'onetime',
  'num', 'number', 'max', 'min', 'maximum', 'minimum', 'count', 'quota', 'limit',
]);
/** Trailing words that give the form of the value, not another noun (`PASSWORD_HASH`, `SSL_KEY_B64`, `SECRET_KEY_BASE`). */
const FORM_SUFFIXES = new Set([
  'value', 'b', 'base', 'hex', 'pem', 'raw', 'plain', 'plaintext', 'text', 'string', 'str', 'data', 'content', 'contents',
  'encoded', 'json', 'hash', 'digest', 'v',
]);
/** One-word compounds whose last part is a secret noun (`PGPASSWORD`, `requirepass`, `cookiesecret`). */
const SECRET_ENDINGS = /(password|passwords|passwd|passphrase|pass|pwd|secret|secrets|token|tokens|credentials?)$/;
/** English words ending like a secret noun (`bypass`): none of them names one. */
const ENGLISH_ENDINGS = new Set(['bypass', 'compass', 'encompass', 'multipass', 'overpass', 'surpass', 'trespass', 'underpass']);
/**
 * Names whose convention says what they hold, against their structure: the POSIX shell's working
 * directories, and Google's Application Default Credentials, which name a file.
 */
const CONVENTIONS = new Set(['pwd', 'oldpwd', 'google application credentials']);

/** A word: a run of capitals before a capitalised word (`API` of `APIKey`), a capitalised or lower-case word, or capitals. */
const WORD = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+/g;

/** The words of a name, lower-cased: split at camel case and at anything but letters (`-`, `_`, `.`, digits). */
export function nameWords(name: string): string[] {
  const words = name.match(WORD) ?? [];
  for (let i = 0; i < words.length; i++) words[i] = words[i].toLowerCase();
  return words;
}

/**
 * Whether a setting, flag, env var or config key named `name` holds a secret. Only its last dotted
 * segment is judged (`db.password` as `password`). See the module comment and docs/secrets.md.
 */
export function looksSecret(name: string): boolean {
  const segment = name.slice(name.lastIndexOf('.') + 1);
  if (!SECRET_STEMS.test(segment)) return false;
  const words = nameWords(segment);
  if (CONVENTIONS.has(words.join(' '))) return false;
  const length = words.length;
  while (words.length > 1 && FORM_SUFFIXES.has(words[words.length - 1])) words.pop();
  const head = words.pop();
  if (head === undefined || words.some((w) => SWITCH_QUALIFIERS.has(w))) return false;
  return isSecretHead(head, words[words.length - 1], words[words.length - 2], words.length + 1 < length);
}

/**
 * Whether `head`, after the qualifiers `before` and `before2` (nearest first), names a secret;
 * `content`: a form suffix followed it.
 */
function isSecretHead(head: string, before: string | undefined, before2: string | undefined, content: boolean): boolean {
  switch (head) {
    case 'secret': case 'secrets': return before === undefined || !SECRET_OBJECT_QUALIFIERS.has(before);
    case 'token': case 'tokens': return before === undefined || !TEXT_TOKEN_QUALIFIERS.has(before);
    case 'key': case 'keys':
      return before !== undefined && (KEY_QUALIFIERS.has(before) || (content && CONTENT_KEY_QUALIFIERS.has(before)));
    case 'id': return before === 'key' && before2 === 'access'; // AWS_ACCESS_KEY_ID: half of the key pair
    case 'cookie': return before !== undefined && COOKIE_QUALIFIERS.has(before);
    default:
      if (SECRET_NOUNS.has(head)) return true;
      if (ENGLISH_ENDINGS.has(head)) return false;
      return SECRET_ENDINGS.test(head) || compoundKey(head);
  }
}

/** A one-word `<qualifier>key(s)` (`awssecretkey`, `stripeapikey`); `monkey` and `hockey` are not. */
function compoundKey(word: string): boolean {
  const stem = word.endsWith('keys') ? word.slice(0, -4) : word.endsWith('key') ? word.slice(0, -3) : undefined;
  if (stem === undefined) return false;
  for (const qualifier of KEY_QUALIFIERS) if (stem.endsWith(qualifier)) return true;
  return false;
}
