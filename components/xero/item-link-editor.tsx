"use client";

import { Link2, PackagePlus, Unlink } from "lucide-react";
import Link from "next/link";
import { useState, useTransition } from "react";
import { SearchPicker, type PickerOption } from "@/components/documents/search-picker";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ActionResult } from "@/lib/auth/action";
import type { ItemSummary } from "@/lib/xero/api/items";

/** The server actions the editor calls, passed in by the page. */
export interface ItemLinkActions {
  search: (input: { term: string }) => Promise<ActionResult<ItemSummary[]>>;
  link: (input: { productId: string; itemId: string | null }) => Promise<ActionResult<ItemSummary | null>>;
  create: (input: { productId: string }) => Promise<ActionResult<ItemSummary>>;
}

/**
 * The Xero card on a product page: the linked item (code and name), the other products that share
 * it (many products may map to one item), item search to link or change, unlink, and "Create
 * Xero item from this product".
 */
export function ItemLinkEditor(props: {
  actions: ItemLinkActions;
  productId: string;
  linkedItemId: string | null;
  item: ItemSummary | null;
  sharedWith: { id: string; sku: string; name: string }[];
  /** Why the SKU can't be an item code (over 30 characters), or null. */
  createProblem: string | null;
  /** What an item created from the product gets shortened, e.g. "Item name shortened to Xero's 50 characters". */
  createNotes: string[];
  connected: boolean;
}) {
  const { actions, productId } = props;
  const [searching, setSearching] = useState(false);
  const [chosen, setChosen] = useState<ItemSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = <T,>(work: () => Promise<ActionResult<T>>) => {
    setError(null);
    startTransition(async () => {
      const result = await work();
      if (!result.ok) setError(result.message);
      else {
        setSearching(false);
        setChosen(null);
      }
    });
  };

  const search = async (term: string): Promise<PickerOption<ItemSummary>[]> => {
    const result = await actions.search({ term });
    if (!result.ok) {
      setError(result.message);
      return [];
    }
    return result.data.map((item) => ({
      id: item.itemId,
      label: item.code,
      detail: item.name ?? "",
      data: item,
    }));
  };

  return (
    <Card aria-labelledby="xero-item-title">
      <CardHeader
        title={<span id="xero-item-title">Xero item</span>}
        actions={props.linkedItemId ? <Badge tone="success">Linked</Badge> : <Badge>Not linked</Badge>}
      />
      <CardBody className="space-y-4 text-sm">
        {props.linkedItemId ? (
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 [&_dd]:[overflow-wrap:anywhere]">
            <dt className="text-slate-500">Item code</dt>
            <dd className="font-mono font-medium text-slate-900">{props.item?.code ?? "Not loaded yet"}</dd>
            <dt className="text-slate-500">Name</dt>
            <dd>{props.item?.name ?? "—"}</dd>
          </dl>
        ) : (
          <p className="text-slate-600">
            Not linked to Xero. Lines with this product go to Xero with the default account from the Xero
            settings.
          </p>
        )}
        {props.sharedWith.length > 0 ? (
          <div>
            <p className="text-slate-500">Also linked to this item:</p>
            <ul className="mt-1 space-y-0.5">
              {props.sharedWith.map((other) => (
                <li key={other.id}>
                  <Link href={`/products/${other.id}`} className="text-blue-700 hover:underline">
                    <span className="font-mono text-xs">{other.sku}</span> {other.name}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        {error ? (
          <Alert tone="danger" role="alert">
            {error}
          </Alert>
        ) : null}

        {searching ? (
          <div className="space-y-2">
            <SearchPicker<ItemSummary>
              aria-label="Search Xero items"
              placeholder="Type an item code or name"
              value={chosen?.itemId ?? ""}
              selectedLabel={chosen?.code ?? ""}
              emptyText="No Xero item matches."
              search={search}
              onSelect={(option) => setChosen(option?.data ?? null)}
            />
            <div className="flex gap-2">
              <Button
                size="sm"
                disabled={!chosen || pending}
                onClick={() => chosen && run(() => actions.link({ productId, itemId: chosen.itemId }))}
              >
                Link
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setSearching(false)}>
                Cancel
              </Button>
            </div>
          </div>
        ) : props.connected ? (
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => setSearching(true)}>
              <Link2 aria-hidden />
              {props.linkedItemId ? "Change item" : "Link to a Xero item"}
            </Button>
            {props.linkedItemId ? (
              <Button
                size="sm"
                variant="ghost"
                disabled={pending}
                onClick={() => run(() => actions.link({ productId, itemId: null }))}
              >
                <Unlink aria-hidden />
                Unlink
              </Button>
            ) : (
              <Button
                size="sm"
                variant="secondary"
                disabled={pending || props.createProblem !== null}
                aria-describedby={props.createProblem ? "item-create-problem" : undefined}
                onClick={() => run(() => actions.create({ productId }))}
              >
                <PackagePlus aria-hidden />
                Create Xero item from this product
              </Button>
            )}
          </div>
        ) : (
          <p className="text-slate-500">Connect Factory to Xero to link this product.</p>
        )}
        {!props.linkedItemId && !props.createProblem && props.createNotes.length > 0 ? (
          <ul className="space-y-1 text-slate-600" aria-label="Shortened for Xero">
            {props.createNotes.map((note) => (
              <li key={note}>{note}.</li>
            ))}
          </ul>
        ) : null}
        {!props.linkedItemId && props.createProblem ? (
          <p id="item-create-problem" className="text-amber-800">
            {props.createProblem}
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
