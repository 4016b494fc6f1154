import { randomUUID } from "node:crypto";
import { expect, test } from "../support/fixtures";

test.describe("customers", () => {
  test("staff create a customer through the form and find it in the list", async ({
    staffPage: page,
    sql,
  }) => {
    const name = `Ōtautahi Steelworks ${randomUUID().slice(0, 6)} 🛠️`;
    await page.goto("/customers");
    await page.getByRole("link", { name: "New customer" }).click();
    await expect(page.getByRole("heading", { name: "New customer" })).toBeVisible();

    // Nothing is saved while the form has errors, and the errors sit next to their fields.
    await page.getByLabel("Email", { exact: true }).fill("not-an-email");
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("Enter a name");
    await expect(page.getByLabel("Email", { exact: true })).toHaveAccessibleDescription(
      "Enter a valid email address",
    );

    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Email", { exact: true }).fill("accounts@otautahisteel.example");
    await page.getByLabel("Phone", { exact: true }).fill("03 555 0101");
    await page.getByLabel("Payment due (day)").fill("20");
    await page.getByLabel("Counted as").selectOption("day_of_following_month");
    await page.getByLabel("Billing street address").fill("1 Tuam Street");
    await page.getByLabel("Billing city").fill("Christchurch");
    await page.getByRole("button", { name: "Same as billing" }).click();
    await page.getByRole("button", { name: "Add contact person" }).click();
    await page.getByLabel("Contact name").fill("Aroha Smith");
    await page.getByLabel("Role").fill("Accounts payable");
    await page.getByRole("button", { name: "Create customer" }).click();

    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByText("20th of the following month")).toBeVisible();
    await expect(page.getByText("Not linked to Xero.")).toBeVisible();

    const [row] = await sql<
      {
        code: string;
        email: string;
        payment_terms_day: number;
        delivery_address: { city: string };
        created_by: string | null;
      }[]
    >`select code, email, payment_terms_day, delivery_address, created_by from customers where name = ${name}`;
    expect(row?.code).toMatch(/^C-\d{5}$/);
    expect(row?.email).toBe("accounts@otautahisteel.example");
    expect(row?.payment_terms_day).toBe(20);
    expect(row?.delivery_address.city).toBe("Christchurch");
    expect(row?.created_by).not.toBeNull();
    await expect(page.getByText(row!.code).first()).toBeVisible();

    await page.goto("/customers");
    await page.getByRole("searchbox", { name: "Search customers" }).fill(name.slice(0, 20));
    await expect(page).toHaveURL(/q=/);
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  test("an edit made from a stale page is refused with a clear message", async ({ staffPage: page, sql }) => {
    const name = `Stale Page Ltd ${randomUUID().slice(0, 6)}`;
    await page.goto("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();

    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page.getByRole("heading", { name: `Edit ${name}` })).toBeVisible();
    // Someone else saves the customer meanwhile.
    await sql`update customers set phone = '999', version = version + 1 where name = ${name}`;
    await page.getByLabel("Phone", { exact: true }).fill("111");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText(/Someone else changed this customer/)).toBeVisible();
    const [row] = await sql<{ phone: string }[]>`select phone from customers where name = ${name}`;
    expect(row?.phone).toBe("999");
  });

  test("archives a customer, then deletes an unused one after confirming", async ({
    staffPage: page,
    sql,
  }) => {
    const name = `Short Lived Ltd ${randomUUID().slice(0, 6)}`;
    await page.goto("/customers/new");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Create customer" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();

    await page.getByRole("button", { name: "Archive" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Archive" }).click();
    await expect(page.getByText(/^Archived on/)).toBeVisible();
    await page.getByRole("button", { name: "Unarchive" }).click();
    await expect(page.getByText(/^Archived on/)).toHaveCount(0);

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/customers$/);
    expect(await sql`select 1 from customers where name = ${name}`).toHaveLength(0);
  });
});
