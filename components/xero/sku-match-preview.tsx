"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { ActionResult } from "@/lib/auth/action";
import type { SkuMatch } from "@/lib/linking/items";

/** The preview table of the SKU matcher, with a tick per product and one "Link" for the ticked ones. */
export function SkuMatchPreview({
  matches,
  apply,
}: {
  matches: SkuMatch[];
  apply: (input: {
    matches: { productId: string; itemId: string }[];
  }) => Promise<ActionResult<{ linked: number }>>;
}) {
  // What staff unticked, not what is ticked: after linking, the page reloads `matches`, and a set of
  // ticked ids would still hold the products just linked (the button then offered "Link 1 product"
  // and linked none: "Linked 0 of 0"). Matches new to the list start ticked.
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(() => new Set());
  const ticked = new Set(matches.filter((m) => !unticked.has(m.productId)).map((m) => m.productId));
  const [result, setResult] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const toggle = (productId: string) =>
    setUnticked((current) => {
      const next = new Set(current);
      if (next.has(productId)) next.delete(productId);
      else next.add(productId);
      return next;
    });

  const confirm = () =>
    startTransition(async () => {
      const chosen = matches
        .filter((m) => ticked.has(m.productId))
        .map((m) => ({ productId: m.productId, itemId: m.item.itemId }));
      const outcome = await apply({ matches: chosen });
      setResult(
        outcome.ok
          ? { tone: "success", text: `Linked ${outcome.data.linked} of ${chosen.length} products.` }
          : { tone: "danger", text: outcome.message },
      );
    });

  const message = result ? (
    <Alert tone={result.tone} role={result.tone === "danger" ? "alert" : "status"}>
      {result.text}
    </Alert>
  ) : null;

  // After linking, the page reloads the preview; the outcome stays on screen above what is left.
  if (matches.length === 0) {
    return (
      <div className="space-y-4">
        {message}
        <Card>
          <EmptyState
            title="Nothing to match"
            description="Every product whose SKU equals a Xero item code is already linked to it."
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {message}
      <Card>
        <Table>
          <thead>
            <tr>
              <Th className="w-10">
                <input
                  type="checkbox"
                  aria-label="Tick all"
                  checked={ticked.size === matches.length}
                  onChange={(event) =>
                    setUnticked(new Set(event.target.checked ? [] : matches.map((m) => m.productId)))
                  }
                />
              </Th>
              <Th>SKU</Th>
              <Th>Product</Th>
              <Th>Xero item</Th>
              <Th>Change</Th>
            </tr>
          </thead>
          <tbody>
            {matches.map((match) => (
              <Tr key={match.productId}>
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Link ${match.sku}`}
                    checked={ticked.has(match.productId)}
                    onChange={() => toggle(match.productId)}
                  />
                </Td>
                <Td className="font-mono text-xs">{match.sku}</Td>
                <Td>{match.productName}</Td>
                <Td>
                  <span className="font-mono text-xs">{match.item.code}</span>{" "}
                  <span className="text-slate-500">{match.item.name}</span>
                </Td>
                <Td className="text-slate-600">
                  {match.currentItemId ? "Replaces its current item" : "New link"}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      </Card>
      <div className="flex justify-end">
        <Button disabled={pending || ticked.size === 0} onClick={confirm}>
          {pending ? "Linking…" : `Link ${ticked.size} ${ticked.size === 1 ? "product" : "products"}`}
        </Button>
      </div>
    </div>
  );
}
