/** Unicode well-formedness, shared by the input boundary and the history chain. */

/** A UTF-16 surrogate without its partner: no Unicode character, and no database can store it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** True when the text holds no lone surrogate (what String.prototype.isWellFormed answers on newer runtimes). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * The text as a database stores it: each lone surrogate becomes U+FFFD, as both drivers do
 * when they encode to UTF-8. Hashing this form means a hash always covers the stored bytes.
 */
export function wellFormed(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE_SURROGATES, '\uFFFD');
}
