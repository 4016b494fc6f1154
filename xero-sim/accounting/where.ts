/**
 * A subset of Xero's `where` filter language (developer.xero.com/documentation/api/requests-and-responses):
 * `Field==value`, `!=`, `<`, `>`, `<=`, `>=` with strings, numbers, true/false/null,
 * `Guid("…")` and `DateTime(y,m,d)`; `Field.Contains("…")`, `.StartsWith`, `.EndsWith`;
 * `.ToLower()`/`.ToUpper()`; `Contact.ContactID` style paths; `&&`/`AND`, `||`/`OR`, `!` and
 * parentheses. Anything else is a parse error, reported to the client like Xero's 400.
 */
export type Predicate = (record: Record<string, unknown>) => boolean;

export class WhereSyntaxError extends Error {}

type Token = { type: "ident" | "string" | "number" | "op" | "punct"; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = "";
      while (j < text.length && text.charAt(j) !== '"') {
        if (text.charAt(j) === "\\" && j + 1 < text.length) j++;
        value += text.charAt(j);
        j++;
      }
      if (j >= text.length) throw new WhereSyntaxError("Unterminated string in where clause");
      tokens.push({ type: "string", value });
      i = j + 1;
    } else if (/[0-9-]/.test(c) && /[0-9]/.test(text.charAt(c === "-" ? i + 1 : i))) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      tokens.push({ type: "number", value: m?.[0] ?? "" });
      i += m?.[0].length ?? 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      tokens.push({ type: "ident", value: m?.[0] ?? "" });
      i += m?.[0].length ?? 1;
    } else {
      const two = text.slice(i, i + 2);
      if (["==", "!=", "<=", ">=", "&&", "||"].includes(two)) {
        tokens.push({ type: "op", value: two });
        i += 2;
      } else if ("<>!".includes(c)) {
        tokens.push({ type: "op", value: c });
        i++;
      } else if ("().,".includes(c)) {
        tokens.push({ type: "punct", value: c });
        i++;
      } else {
        throw new WhereSyntaxError(`Unexpected character '${c}' in where clause`);
      }
    }
  }
  return tokens;
}

type Literal = string | number | boolean | null | { date: number };

class Parser {
  #tokens: Token[];
  #pos = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  parse(): Predicate {
    const predicate = this.#or();
    if (this.#pos < this.#tokens.length)
      throw new WhereSyntaxError(`Unexpected '${this.#peek()?.value}' in where clause`);
    return predicate;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#pos];
  }

  #next(): Token {
    const token = this.#tokens[this.#pos++];
    if (!token) throw new WhereSyntaxError("Unexpected end of where clause");
    return token;
  }

  #expect(value: string): void {
    const token = this.#next();
    if (token.value !== value) throw new WhereSyntaxError(`Expected '${value}' but found '${token.value}'`);
  }

  #isWord(...words: string[]): boolean {
    const t = this.#peek();
    return !!t && words.some((w) => t.value === w || (t.type === "ident" && t.value.toUpperCase() === w));
  }

  #or(): Predicate {
    let left = this.#and();
    while (this.#isWord("||", "OR")) {
      this.#pos++;
      const l = left;
      const r = this.#and();
      left = (rec) => l(rec) || r(rec);
    }
    return left;
  }

  #and(): Predicate {
    let left = this.#unary();
    while (this.#isWord("&&", "AND")) {
      this.#pos++;
      const l = left;
      const r = this.#unary();
      left = (rec) => l(rec) && r(rec);
    }
    return left;
  }

  #unary(): Predicate {
    if (this.#peek()?.value === "!") {
      this.#pos++;
      const inner = this.#unary();
      return (rec) => !inner(rec);
    }
    if (this.#peek()?.value === "(") {
      this.#pos++;
      const inner = this.#or();
      this.#expect(")");
      return inner;
    }
    return this.#comparison();
  }

  #comparison(): Predicate {
    const path: string[] = [this.#ident()];
    let transform: ((s: string) => string) | undefined;
    while (this.#peek()?.value === ".") {
      this.#pos++;
      const name = this.#ident();
      if (this.#peek()?.value === "(") {
        this.#pos++;
        if (name === "ToLower" || name === "ToUpper") {
          this.#expect(")");
          transform = name === "ToLower" ? (s) => s.toLowerCase() : (s) => s.toUpperCase();
          continue;
        }
        const arg = this.#literal();
        this.#expect(")");
        if (typeof arg !== "string") throw new WhereSyntaxError(`${name} needs a string argument`);
        const test = stringMethod(name);
        const t = transform;
        return (rec) => {
          const v = valueAt(rec, path);
          return typeof v === "string" && test(t ? t(v) : v, arg);
        };
      }
      path.push(name);
    }
    const op = this.#next();
    if (op.type !== "op" || ["&&", "||", "!"].includes(op.value)) {
      throw new WhereSyntaxError(`Expected a comparison after '${path.join(".")}'`);
    }
    const literal = this.#literal();
    const t = transform;
    return (rec) => {
      const raw = valueAt(rec, path);
      return compare(typeof raw === "string" && t ? t(raw) : raw, op.value, literal);
    };
  }

  #ident(): string {
    const token = this.#next();
    if (token.type !== "ident")
      throw new WhereSyntaxError(`Expected a field name but found '${token.value}'`);
    return token.value;
  }

  #literal(): Literal {
    const token = this.#next();
    if (token.type === "string") return token.value;
    if (token.type === "number") return Number(token.value);
    if (token.type !== "ident") throw new WhereSyntaxError(`Expected a value but found '${token.value}'`);
    if (token.value === "true" || token.value === "false") return token.value === "true";
    if (token.value === "null") return null;
    if (token.value === "Guid") {
      this.#expect("(");
      const id = this.#literal();
      this.#expect(")");
      return typeof id === "string" ? id.toLowerCase() : id;
    }
    if (token.value === "DateTime") {
      this.#expect("(");
      const parts: number[] = [];
      for (;;) {
        const n = this.#literal();
        if (typeof n !== "number") throw new WhereSyntaxError("DateTime needs numbers");
        parts.push(n);
        if (this.#peek()?.value !== ",") break;
        this.#pos++;
      }
      this.#expect(")");
      const [y = 1970, m = 1, d = 1, h = 0, mi = 0, s = 0] = parts;
      return { date: Date.UTC(y, m - 1, d, h, mi, s) };
    }
    throw new WhereSyntaxError(`Unknown value '${token.value}'`);
  }
}

function stringMethod(name: string): (value: string, arg: string) => boolean {
  if (name === "Contains") return (v, a) => v.includes(a);
  if (name === "StartsWith") return (v, a) => v.startsWith(a);
  if (name === "EndsWith") return (v, a) => v.endsWith(a);
  throw new WhereSyntaxError(`Unsupported method '${name}' in where clause`);
}

function valueAt(record: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Dates in records are `YYYY-MM-DD` strings or epoch ms; both compare as ms against DateTime(…). */
function asMs(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string") {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function compare(value: unknown, op: string, literal: Literal): boolean {
  let left: unknown = value;
  let right: unknown = literal;
  if (literal !== null && typeof literal === "object") {
    left = asMs(value);
    right = literal.date;
  } else if (typeof value === "string" && typeof literal === "string" && /^[0-9a-f-]{36}$/i.test(value)) {
    left = value.toLowerCase();
    right = literal.toLowerCase();
  }
  if (literal === null) left = value ?? null;
  switch (op) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    default: {
      if (left === undefined || left === null || right === null) return false;
      const l = left as number | string;
      const r = right as number | string;
      if (op === "<") return l < r;
      if (op === ">") return l > r;
      if (op === "<=") return l <= r;
      return l >= r;
    }
  }
}

const cache = new Map<string, Predicate>();

/** Compiles a where clause (cached, since apps repeat the same few filters). */
export function compileWhere(text: string): Predicate {
  let predicate = cache.get(text);
  if (!predicate) {
    predicate = new Parser(tokenize(text)).parse();
    if (cache.size > 500) cache.clear();
    cache.set(text, predicate);
  }
  return predicate;
}

/** `order=Name ASC, UpdatedDateUTC DESC` as a comparator; unknown fields sort as empty. */
export function compileOrder(
  text: string,
): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  const keys = text
    .split(",")
    .map((part) => part.trim().split(/\s+/))
    .filter(([field]) => field)
    .map(([field = "", dir]) => ({ path: field.split("."), desc: dir?.toUpperCase() === "DESC" }));
  return (a, b) => {
    for (const { path, desc } of keys) {
      const x = valueAt(a, path);
      const y = valueAt(b, path);
      const xs = typeof x === "string" ? x.toLowerCase() : (x as number | undefined);
      const ys = typeof y === "string" ? y.toLowerCase() : (y as number | undefined);
      if (xs === ys) continue;
      if (xs === undefined) return 1;
      if (ys === undefined) return -1;
      return (xs < ys ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  };
}
