import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

/**
 * Request validation fed with Xero's official OpenAPI documents (xero-sim/openapi/). Every
 * parameter (path, query, header) and JSON body of a matched operation is checked with Ajv;
 * the first problem is reported in words, e.g. `body/Invoices/0/Type must be equal to one of …`.
 */

interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: SchemaObject;
  $ref?: string;
}
type SchemaObject = { type?: string; items?: SchemaObject; $ref?: string; [k: string]: unknown };
interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SchemaObject }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, unknown> & { parameters?: ParameterObject[] }>;
  components: { parameters?: Record<string, ParameterObject>; schemas?: Record<string, SchemaObject> };
}

interface CompiledOperation {
  operationId: string;
  template: string;
  params: ParameterObject[];
  validateParams: ValidateFunction;
  validateBody?: ValidateFunction;
  bodyRequired: boolean;
}

interface PathMatcher {
  template: string;
  regex: RegExp;
  names: string[];
  methods: Map<string, OperationObject & { pathParameters: ParameterObject[] }>;
}

export interface MatchedOperation {
  operationId: string;
  template: string;
  pathParams: Record<string, string>;
  /** Query values after coercion to their spec types (integers, booleans, arrays). */
  query: Record<string, unknown>;
  /** The parsed JSON body, or undefined (bodies on GET/DELETE are ignored: xero-node sends `{}`). */
  body: unknown;
}

export type ValidationOutcome =
  | { kind: "matched"; operation: MatchedOperation }
  | { kind: "invalid"; operationId: string; template: string; message: string }
  | { kind: "no-route" };

export interface ValidationInput {
  method: string;
  /** Path relative to the spec's server URL, e.g. `/Contacts/abc`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export class SpecValidator {
  readonly #doc: OpenApiDocument;
  readonly #ajv: Ajv;
  readonly #matchers: PathMatcher[];
  readonly #compiled = new Map<string, CompiledOperation>();
  readonly #specId: string;

  constructor(specPath: string) {
    this.#doc = parse(readFileSync(specPath, "utf8")) as OpenApiDocument;
    this.#specId = specPath.split("/").pop() ?? "spec";
    // strict:false lets Xero's vendor keywords (x-is-msdate, x-snake …) through untouched.
    this.#ajv = new Ajv({ strict: false, logger: false, allErrors: false });
    addFormats(this.#ajv);
    for (const name of ["double", "float", "int32", "int64", "byte", "binary", "password"]) {
      this.#ajv.addFormat(name, true);
    }
    // Lengths are not a shape problem: Xero reads such a body and refuses the element with a
    // ValidationException (ErrorNumber 10) naming the field, per element in a batch. So Ajv checks
    // the shape without maxLength, and lengthErrors() applies the spec's limits element by element.
    this.#ajv.addSchema({ components: withoutMaxLength(this.#doc.components) }, this.#specId);
    this.#matchers = Object.entries(this.#doc.paths)
      .map(([template, item]) => this.#matcher(template, item))
      // Templates with fewer parameters first, so literal segments win over `{param}` ones.
      .sort((a, b) => a.names.length - b.names.length);
  }

  #matcher(template: string, item: OpenApiDocument["paths"][string]): PathMatcher {
    const names: string[] = [];
    const pattern = template
      .split("/")
      .map((segment) => {
        const param = /^\{(.+)\}$/.exec(segment);
        if (param?.[1]) {
          names.push(param[1]);
          return "([^/]+)";
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    const methods = new Map<string, OperationObject & { pathParameters: ParameterObject[] }>();
    for (const [method, op] of Object.entries(item)) {
      if (method === "parameters" || typeof op !== "object" || op === null) continue;
      methods.set(method.toUpperCase(), {
        ...(op as OperationObject),
        pathParameters: item.parameters ?? [],
      });
    }
    // Xero's paths are case-insensitive (xero-node calls /connections, the spec says /Connections).
    return { template, regex: new RegExp(`^${pattern}$`, "i"), names, methods };
  }

  #resolveParam(p: ParameterObject): ParameterObject {
    if (!p.$ref) return p;
    const name = p.$ref.split("/").pop() ?? "";
    const resolved = this.#doc.components.parameters?.[name];
    if (!resolved) throw new Error(`Unresolved parameter ${p.$ref}`);
    return resolved;
  }

  #schema(schema: SchemaObject): SchemaObject {
    return schema.$ref ? { $ref: `${this.#specId}${schema.$ref}` } : rewriteRefs(schema, this.#specId);
  }

  #compile(template: string, op: OperationObject & { pathParameters: ParameterObject[] }): CompiledOperation {
    const cached = this.#compiled.get(op.operationId);
    if (cached) return cached;
    const params = [...op.pathParameters, ...(op.parameters ?? [])].map((p) => this.#resolveParam(p));
    const properties: Record<string, SchemaObject> = {};
    const required: string[] = [];
    for (const p of params) {
      const key = `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
      properties[key] = this.#schema(p.schema ?? {});
      if (p.required || p.in === "path") required.push(key);
    }
    const bodySchema = op.requestBody?.content?.["application/json"]?.schema;
    const compiled: CompiledOperation = {
      operationId: op.operationId,
      template,
      params,
      validateParams: this.#ajv.compile({ type: "object", properties, required }),
      validateBody: bodySchema ? this.#ajv.compile(this.#schema(bodySchema)) : undefined,
      bodyRequired: op.requestBody?.required ?? false,
    };
    this.#compiled.set(op.operationId, compiled);
    return compiled;
  }

  /**
   * The strings of one element longer than the spec's limit ({@link specMaxLength}) for schema `name` (e.g. "Item",
   * "Invoice", "Contact"), walking nested objects and arrays, as Xero's per-element messages.
   * Length is counted in UTF-16 code units, as .NET strings are, which is never shorter than code
   * points: an emoji counts 2, so the simulator is never more forgiving than Xero.
   */
  lengthErrors(name: string, value: unknown): string[] {
    const errors: string[] = [];
    const walk = (schema: SchemaObject | undefined, at: unknown, path: string, depth: number) => {
      if (!schema || depth > 12 || at === null || at === undefined) return;
      if (schema.$ref) return walk(this.#component(schema.$ref), at, path, depth + 1);
      const max = specMaxLength(schema);
      if (max !== undefined && typeof at === "string" && at.length > max) {
        errors.push(`${path} must be no more than ${max} characters long (${at.length} given).`);
      }
      if (Array.isArray(at) && schema.items)
        at.forEach((item, i) => walk(schema.items, item, `${path}[${i}]`, depth + 1));
      const properties = schema.properties as Record<string, SchemaObject> | undefined;
      if (properties && typeof at === "object" && !Array.isArray(at)) {
        for (const [key, child] of Object.entries(at as Record<string, unknown>)) {
          walk(properties[key], child, path ? `${path}.${key}` : key, depth + 1);
        }
      }
    };
    walk(this.#doc.components.schemas?.[name], value, "", 0);
    return errors;
  }

  #component(ref: string): SchemaObject | undefined {
    return this.#doc.components.schemas?.[ref.split("/").pop() ?? ""];
  }

  /** Compiles the listed operations now, so the first real request is not slow. */
  warm(operationIds: string[]): void {
    const wanted = new Set(operationIds);
    for (const m of this.#matchers) {
      for (const op of m.methods.values()) if (wanted.has(op.operationId)) this.#compile(m.template, op);
    }
  }

  validate(input: ValidationInput): ValidationOutcome {
    const candidates: { compiled: CompiledOperation; pathParams: Record<string, string> }[] = [];
    for (const m of this.#matchers) {
      const found = m.regex.exec(input.path);
      const op = found && m.methods.get(input.method);
      if (!found || !op) continue;
      const pathParams: Record<string, string> = {};
      m.names.forEach((name, i) => (pathParams[name] = decodeURIComponent(found[i + 1] ?? "")));
      candidates.push({ compiled: this.#compile(m.template, op), pathParams });
    }
    if (candidates.length === 0) return { kind: "no-route" };
    // Try stricter templates first: /Contacts/{ContactID} (uuid) before /Contacts/{ContactNumber}.
    candidates.sort((a, b) => uuidParams(b.compiled) - uuidParams(a.compiled));
    let firstError: ValidationOutcome | undefined;
    // Several templates can match one path (/Contacts/{ContactID} and /Contacts/{ContactNumber});
    // the first whose parameters validate wins.
    for (const { compiled, pathParams } of candidates) {
      const outcome = this.#check(compiled, pathParams, input);
      if (outcome.kind === "matched") return outcome;
      firstError ??= outcome;
    }
    return firstError ?? { kind: "no-route" };
  }

  #check(
    compiled: CompiledOperation,
    pathParams: Record<string, string>,
    input: ValidationInput,
  ): ValidationOutcome {
    const invalid = (message: string): ValidationOutcome => ({
      kind: "invalid",
      operationId: compiled.operationId,
      template: compiled.template,
      message,
    });
    const queryByLowerName = new Map<string, string>();
    for (const [k, v] of input.query) queryByLowerName.set(k.toLowerCase(), v);
    const values: Record<string, unknown> = {};
    const query: Record<string, unknown> = {};
    for (const p of compiled.params) {
      let raw: string | undefined;
      if (p.in === "path") raw = pathParams[p.name];
      else if (p.in === "query") raw = queryByLowerName.get(p.name.toLowerCase());
      else if (p.in === "header") {
        const h = input.headers[p.name.toLowerCase()];
        raw = Array.isArray(h) ? h[0] : h;
      }
      if (raw === undefined) continue;
      const value = coerce(raw, p.schema ?? {});
      values[`${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`] = value;
      if (p.in === "query") query[p.name] = value;
    }
    if (!compiled.validateParams(values)) {
      return invalid(describe(compiled.validateParams.errors, "parameter"));
    }
    let body: unknown;
    if (BODY_METHODS.has(input.method) && compiled.validateBody) {
      if (input.rawBody.trim() === "") {
        if (compiled.bodyRequired) return invalid("request body is required");
      } else {
        try {
          body = JSON.parse(input.rawBody) as unknown;
        } catch (error) {
          return invalid(
            `request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        if (!compiled.validateBody(body)) return invalid(describe(compiled.validateBody.errors, "body"));
      }
    }
    return {
      kind: "matched",
      operation: { operationId: compiled.operationId, template: compiled.template, pathParams, query, body },
    };
  }
}

/**
 * A string property's limit in Xero's spec: its `maxLength`, or, where the spec gives the limit only
 * in words, the number in its description: `PurchaseOrder.DeliveryInstructions` "(500 characters
 * max)" (xero_accounting.yaml:24159-24161) and `Account.Code` "(max length = 10)" (:20361-20362).
 */
export function specMaxLength(schema: { type?: unknown; maxLength?: unknown; description?: unknown }) {
  if (typeof schema.maxLength === "number") return schema.maxLength;
  if (schema.type !== "string" || typeof schema.description !== "string") return undefined;
  const stated = /max length\s*=\s*(\d+)|(\d+) characters max/i.exec(schema.description);
  return stated ? Number(stated[1] ?? stated[2]) : undefined;
}

function uuidParams(compiled: CompiledOperation): number {
  return compiled.params.filter((p) => p.in === "path" && p.schema?.format === "uuid").length;
}

function withoutMaxLength<T>(node: T): T {
  return JSON.parse(JSON.stringify(node), (key, value: unknown) =>
    key === "maxLength" ? undefined : value,
  ) as T;
}

function rewriteRefs(schema: SchemaObject, specId: string): SchemaObject {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#/g, `"$ref":"${specId}#`)) as SchemaObject;
}

/** Query, path and header values arrive as text; turn them into what the spec's types expect. */
function coerce(raw: string, schema: SchemaObject): unknown {
  if (schema.type === "array") return raw.split(",").map((part) => coerce(part, schema.items ?? {}));
  if (schema.type === "integer" && /^-?\d+$/.test(raw)) return Number(raw);
  if (schema.type === "number" && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (schema.type === "boolean" && /^(true|false)$/i.test(raw)) return raw.toLowerCase() === "true";
  return raw;
}

function describe(errors: ErrorObject[] | null | undefined, where: "parameter" | "body"): string {
  const error = errors?.[0];
  if (!error) return `${where} is invalid`;
  if (where === "parameter") {
    const key = error.instancePath ? error.instancePath.slice(1) : String(error.params.missingProperty ?? "");
    const [location, name] = key.split(":");
    const verb = error.keyword === "required" ? "is required" : (error.message ?? "is invalid");
    return `${location ?? ""} parameter "${name ?? key}" ${verb}`;
  }
  const extra = error.keyword === "enum" ? `: ${JSON.stringify(error.params.allowedValues)}` : "";
  return `body${error.instancePath} ${error.message ?? "is invalid"}${extra}`;
}
