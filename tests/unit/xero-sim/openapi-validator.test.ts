import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { SpecValidator, specMaxLength, type ValidationInput } from "@/xero-sim/validation/openapi";

let validator: SpecValidator;
beforeAll(() => {
  validator = new SpecValidator(
    fileURLToPath(new URL("../../../xero-sim/openapi/xero_accounting.yaml", import.meta.url)),
  );
});

const request = (partial: Partial<ValidationInput>): ValidationInput => ({
  method: "GET",
  path: "/Contacts",
  query: new URLSearchParams(),
  headers: { "xero-tenant-id": "tenant" },
  rawBody: "",
  ...partial,
});

describe("OpenAPI request validation", () => {
  it("coerces query values to the spec's types and splits comma lists", () => {
    const outcome = validator.validate(
      request({
        query: new URLSearchParams("page=2&includeArchived=TRUE&IDs=6c1f6b8e-2a41-4a8e-9d8a-0a1b2c3d4e5f"),
      }),
    );
    expect(outcome).toMatchObject({
      kind: "matched",
      operation: {
        operationId: "getContacts",
        query: { page: 2, includeArchived: true, IDs: ["6c1f6b8e-2a41-4a8e-9d8a-0a1b2c3d4e5f"] },
      },
    });
  });

  it("ignores the {} body xero-node sends with GETs", () => {
    expect(validator.validate(request({ rawBody: "{}" })).kind).toBe("matched");
    expect(validator.validate(request({ rawBody: "not json" })).kind).toBe("matched");
  });

  it("routes /Contacts/{x} by the stricter template first: uuid → ContactID, anything else → ContactNumber", () => {
    const byId = validator.validate(request({ path: "/Contacts/6c1f6b8e-2a41-4a8e-9d8a-0a1b2c3d4e5f" }));
    const byNumber = validator.validate(request({ path: "/Contacts/C-00006" }));
    expect(byId).toMatchObject({ operation: { operationId: "getContact" } });
    expect(byNumber).toMatchObject({
      operation: { operationId: "getContactByContactNumber", pathParams: { ContactNumber: "C-00006" } },
    });
  });

  it("matches paths case-insensitively, as Xero does", () => {
    expect(validator.validate(request({ path: "/contacts" }))).toMatchObject({
      operation: { operationId: "getContacts" },
    });
  });

  it("says which parameter or body field is wrong", () => {
    expect(validator.validate(request({ headers: {} }))).toMatchObject({
      kind: "invalid",
      message: 'header parameter "xero-tenant-id" is required',
    });
    expect(validator.validate(request({ query: new URLSearchParams("page=first") }))).toMatchObject({
      message: 'query parameter "page" must be integer',
    });
    const body = validator.validate(
      request({
        method: "PUT",
        path: "/Invoices",
        rawBody: JSON.stringify({ Invoices: [{ Type: "ACCREC", LineItems: [{ UnitAmount: "5" }] }] }),
      }),
    );
    expect(body).toMatchObject({
      kind: "invalid",
      message: "body/Invoices/0/LineItems/0/UnitAmount must be number",
    });
    const broken = validator.validate(request({ method: "PUT", path: "/Invoices", rawBody: "{" }));
    expect(broken).toMatchObject({ kind: "invalid" });
    expect(broken.kind === "invalid" && broken.message).toMatch(/^request body is not valid JSON/);
  });

  // Lengths are counted in UTF-16 code units against the spec's maxLength, or the limit its
  // description states in words (PurchaseOrder.DeliveryInstructions, xero_accounting.yaml:24159-24161).
  it("finds strings over the spec's limits in an element, nested ones and limits stated in words included", () => {
    expect(validator.lengthErrors("PurchaseOrder", { DeliveryInstructions: "x".repeat(500) })).toEqual([]);
    expect(validator.lengthErrors("PurchaseOrder", { DeliveryInstructions: "x".repeat(501) })).toEqual([
      "DeliveryInstructions must be no more than 500 characters long (501 given).",
    ]);
    expect(
      validator.lengthErrors("Contact", {
        Name: "ok",
        Addresses: [{ Country: "New Zealand" }, { Country: "🇳🇿".repeat(13) }],
      }),
    ).toEqual(["Addresses[1].Country must be no more than 50 characters long (52 given)."]);
    expect(validator.lengthErrors("PurchaseOrder", { Reference: "x".repeat(5000) })).toEqual([]);
  });

  it("reads a limit from a string's description only, never from a number's", () => {
    expect(specMaxLength({ type: "string", maxLength: 30 })).toBe(30);
    expect(
      specMaxLength({
        type: "string",
        description: "A free text feild for instructions (500 characters max)",
      }),
    ).toBe(500);
    expect(
      specMaxLength({ type: "string", description: "account code e.g 200 or SALES (max length = 10)" }),
    ).toBe(10);
    expect(specMaxLength({ type: "number", description: "(max length = [18].[6])" })).toBeUndefined();
    expect(specMaxLength({ type: "string", description: "Additional reference number" })).toBeUndefined();
  });

  it("knows paths that are not in the spec", () => {
    expect(validator.validate(request({ path: "/NotAnEndpoint" })).kind).toBe("no-route");
    expect(validator.validate(request({ method: "PATCH" })).kind).toBe("no-route");
  });
});
