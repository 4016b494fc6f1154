"use client";

import { ExternalLink, Link2, Unlink } from "lucide-react";
import { useState, useTransition } from "react";
import { SearchPicker, type PickerOption } from "@/components/documents/search-picker";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/auth/action";
import type { PartyKind, XeroContactIssueKind } from "@/lib/db/schema";
import type { ContactSummary } from "@/lib/xero/mappers/contact";
import { MATCH_REASON_LABELS } from "@/lib/linking/match-wording";
import type { MatchReason } from "@/lib/linking/matching";

type Ref = { kind: PartyKind; partyId: string };

/** The server actions the editor calls (passed in by the page, so this component stays in components/). */
export interface ContactLinkActions {
  search: (input: { term: string }) => Promise<ActionResult<ContactSummary[]>>;
  link: (
    input: Ref & { contactId: string; restore: boolean; writeContactNumber: boolean },
  ) => Promise<ActionResult<{ contact: ContactSummary; notes: string[] }>>;
  unlink: (input: Ref) => Promise<ActionResult<void>>;
  create: (
    input: Ref & { createAnyway: boolean },
  ) => Promise<ActionResult<{ status: string; message?: string }>>;
  resend: (input: Ref) => Promise<ActionResult<{ outcome: string }>>;
}

export interface ContactLinkEditorProps {
  actions: ContactLinkActions;
  kind: PartyKind;
  partyId: string;
  /** The record's own code (C-00001 / S-00001), offered for a linked contact's empty number. */
  partyCode: string;
  linkedContactId: string | null;
  /** What Factory knows of the linked contact; null when it has not been seen yet. */
  contact: ContactSummary | null;
  /** "Open in Xero", built from the organisation's ShortCode. */
  contactUrl: string | null;
  issue: { kind: XeroContactIssueKind; message: string } | null;
  /** Look-alikes Xero holds, when creating the contact needs a decision. */
  matches: { reason: MatchReason; contact: ContactSummary }[];
  connected: boolean;
  /** What Xero gets shortened of the record's details, e.g. "Country shortened to Xero's 50 characters". */
  notes: string[];
  /** The record's own name, to tell when Xero names its contact otherwise. */
  partyName?: string;
  /** What read-back learnt of the contact: merges in Xero, followed or not. */
  readBack?: ContactReadBackView;
}

/** What read-back learnt of a linked contact that its card tells staff. */
export interface ContactReadBackView {
  /** Xero merged the linked contact into another that Factory could not link, and why. */
  unfollowedMerge: { into: string; reason: string } | null;
  /** The merges in Xero Factory followed, newest first, in sentences. */
  mergesFollowed: string[];
}

function contactDetail(contact: ContactSummary): string {
  return [contact.contactNumber, contact.email, contact.status === "ARCHIVED" ? "archived" : null]
    .filter(Boolean)
    .join(" · ");
}

/**
 * The Xero card on a customer or supplier page: the linked contact with "Open in Xero", a
 * type-ahead search to link or change the link, "Unlink", and the choices Factory offers instead
 * of creating a near-duplicate contact.
 */
export function ContactLinkEditor(props: ContactLinkEditorProps) {
  const { kind, partyId, contact, issue, actions } = props;
  const [searching, setSearching] = useState(false);
  const [chosen, setChosen] = useState<ContactSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [linkNotes, setLinkNotes] = useState<string[]>([]);
  // Factory's code in ContactNumber is how a contact is matched back (docs/sync.md#contacts), and an
  // empty number holds nothing to lose: offered ticked, never for a contact that has a number.
  const [writeCode, setWriteCode] = useState(true);
  const [pending, startTransition] = useTransition();

  const run = <T,>(work: () => Promise<ActionResult<T>>, after?: (data: T) => void) => {
    setError(null);
    setNotice(null);
    setLinkNotes([]);
    startTransition(async () => {
      const result = await work();
      if (!result.ok) setError(result.message);
      else {
        setSearching(false);
        setChosen(null);
        after?.(result.data);
      }
    });
  };

  const link = (target: ContactSummary) =>
    run(
      () =>
        actions.link({
          kind,
          partyId,
          contactId: target.contactId,
          restore: target.status === "ARCHIVED",
          writeContactNumber: writeCode && !target.contactNumber,
        }),
      (outcome) => setLinkNotes(outcome.notes),
    );

  const codeOffer = (
    <label className="flex items-start gap-2">
      <input
        type="checkbox"
        className="mt-0.5 size-4"
        checked={writeCode}
        onChange={(event) => setWriteCode(event.target.checked)}
      />
      <span>
        <span className="text-slate-900">
          Write {kind} code {props.partyCode} into the Xero contact&apos;s number
        </span>
        <span className="block text-slate-500">
          Only into an empty one. Xero shows it as the contact code; Factory finds the contact by it.
        </span>
      </span>
    </label>
  );

  const create = (createAnyway: boolean) =>
    run(
      () => actions.create({ kind, partyId, createAnyway }),
      (outcome) => {
        if (outcome.status !== "linked" && outcome.message) setNotice(outcome.message);
      },
    );

  const search = async (term: string): Promise<PickerOption<ContactSummary>[]> => {
    if (!term) return [];
    const result = await actions.search({ term });
    if (!result.ok) {
      setError(result.message);
      return [];
    }
    return result.data.map((found) => ({
      id: found.contactId,
      label: found.name,
      detail: contactDetail(found),
      data: found,
    }));
  };

  const status = props.linkedContactId ? (
    contact?.status === "ARCHIVED" ? (
      <Badge tone="warning">Linked · archived in Xero</Badge>
    ) : (
      <Badge tone="success">Linked</Badge>
    )
  ) : issue?.kind === "create_pending" ? (
    <Badge tone="info">Waiting for Xero</Badge>
  ) : (
    <Badge tone="neutral">Not linked</Badge>
  );

  const nameTaken = issue?.message.includes("already assigned to another contact") ?? false;

  return (
    <Card aria-labelledby="xero-link-title">
      <CardHeader title={<span id="xero-link-title">Xero contact</span>} actions={status} />
      <CardBody className="space-y-4 text-sm">
        {props.linkedContactId ? (
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 [&_dd]:[overflow-wrap:anywhere]">
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium text-slate-900">{contact?.name ?? "Not loaded yet"}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd>{contact?.email ?? "—"}</dd>
            <dt className="text-slate-500">Contact code</dt>
            <dd>{contact?.contactNumber ?? "—"}</dd>
            <dt className="text-slate-500">Status</dt>
            <dd>{contact ? (contact.status === "ACTIVE" ? "Active" : "Archived in Xero") : "—"}</dd>
          </dl>
        ) : (
          <p className="text-slate-600">
            Not linked to Xero. Documents for it can&apos;t be sent until it is linked to a Xero contact.
          </p>
        )}

        {props.linkedContactId && contact && props.partyName && contact.name !== props.partyName ? (
          <p className="text-slate-600">
            Named &ldquo;{contact.name}&rdquo; in Xero; Factory calls it &ldquo;{props.partyName}&rdquo;.
          </p>
        ) : null}
        {props.linkedContactId && contact?.status === "ARCHIVED" ? (
          <Alert tone="warning" role="status">
            <strong>Archived in Xero.</strong>{" "}
            {props.readBack?.unfollowedMerge ? (
              <>
                Xero merged this contact into &ldquo;{props.readBack.unfollowedMerge.into}&rdquo;, but Factory
                can&apos;t link the {kind} to it: {props.readBack.unfollowedMerge.reason}{" "}
              </>
            ) : null}
            Xero refuses new and changed documents for an archived contact, so this {kind}&apos;s documents
            wait in Factory, nothing sent. Restore the contact in Xero, or link another contact with
            &ldquo;Change link&rdquo;; the waiting documents then go to Xero.
          </Alert>
        ) : null}
        {props.readBack && props.readBack.mergesFollowed.length > 0 ? (
          <ul className="space-y-1 text-slate-600" aria-label="Merges in Xero">
            {props.readBack.mergesFollowed.map((sentence) => (
              <li key={sentence}>{sentence}</li>
            ))}
          </ul>
        ) : null}
        {props.notes.length > 0 ? (
          <ul className="space-y-1 text-slate-600" aria-label="Shortened for Xero">
            {props.notes.map((note) => (
              <li key={note}>{note}. Edit the record to choose a shorter one.</li>
            ))}
          </ul>
        ) : null}

        {issue ? (
          <Alert tone={issue.kind === "create_pending" ? "info" : "warning"}>
            <p>{issue.message}</p>
            {props.matches.some(({ contact: match }) => !match.contactNumber) ? (
              <div className="mt-3">{codeOffer}</div>
            ) : null}
            {props.matches.length > 0 ? (
              <ul className="mt-3 space-y-2" aria-label="Similar Xero contacts">
                {props.matches.map(({ reason, contact: match }) => (
                  <li
                    key={match.contactId}
                    className="flex flex-wrap items-center justify-between gap-2 rounded border border-amber-200 bg-white px-3 py-2"
                  >
                    <span>
                      <span className="font-medium text-slate-900">{match.name}</span>
                      <span className="ml-2 text-xs text-slate-500">
                        {[MATCH_REASON_LABELS[reason], contactDetail(match)].filter(Boolean).join(" · ")}
                      </span>
                    </span>
                    <Button size="sm" variant="secondary" disabled={pending} onClick={() => link(match)}>
                      {match.status === "ARCHIVED" ? "Restore and link" : "Link to this contact"}
                    </Button>
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="mt-3 flex flex-wrap gap-2">
              {issue.kind === "create_failed" && !nameTaken ? (
                <Button size="sm" variant="secondary" disabled={pending} onClick={() => create(true)}>
                  Create a new contact anyway
                </Button>
              ) : null}
              {issue.kind === "create_pending" ? (
                <Button size="sm" variant="secondary" disabled={pending} onClick={() => create(false)}>
                  Try again now
                </Button>
              ) : null}
              {issue.kind === "update_failed" ? (
                <Button
                  size="sm"
                  variant="secondary"
                  disabled={pending}
                  onClick={() => run(() => actions.resend({ kind, partyId }))}
                >
                  Send the details again
                </Button>
              ) : null}
            </div>
          </Alert>
        ) : null}

        {error ? (
          <Alert tone="danger" role="alert">
            {error}
          </Alert>
        ) : null}
        {notice ? <Alert tone="warning">{notice}</Alert> : null}
        {linkNotes.length > 0 ? (
          <Alert tone="info" role="status">
            {linkNotes.map((note) => (
              <p key={note}>{note}</p>
            ))}
          </Alert>
        ) : null}

        {searching ? (
          <div className="space-y-2">
            <SearchPicker<ContactSummary>
              aria-label="Search Xero contacts"
              placeholder="Type a name, email or contact code"
              value={chosen?.contactId ?? ""}
              selectedLabel={chosen?.name ?? ""}
              emptyText="No Xero contact matches."
              search={search}
              onSelect={(option) => setChosen(option?.data ?? null)}
            />
            {chosen ? (
              <p className="text-slate-600">
                {chosen.status === "ARCHIVED"
                  ? `"${chosen.name}" is archived in Xero. Linking restores it.`
                  : `Link to "${chosen.name}"? Documents sent from now on go to this contact.`}
              </p>
            ) : null}
            {chosen && !chosen.contactNumber ? codeOffer : null}
            <div className="flex gap-2">
              <Button size="sm" disabled={!chosen || pending} onClick={() => chosen && link(chosen)}>
                {chosen?.status === "ARCHIVED" ? "Restore and link" : "Link"}
              </Button>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => {
                  setSearching(false);
                  setChosen(null);
                }}
              >
                Cancel
              </Button>
            </div>
          </div>
        ) : props.connected ? (
          <div className="flex flex-wrap gap-2">
            {props.contactUrl ? (
              <Button size="sm" variant="secondary" asChild>
                <a href={props.contactUrl} target="_blank" rel="noopener noreferrer">
                  <ExternalLink aria-hidden />
                  Open in Xero
                </a>
              </Button>
            ) : null}
            <Button size="sm" variant="secondary" onClick={() => setSearching(true)}>
              <Link2 aria-hidden />
              {props.linkedContactId ? "Change link" : "Link to a Xero contact"}
            </Button>
            {props.linkedContactId ? (
              <ConfirmDialog
                trigger={
                  <Button size="sm" variant="ghost" disabled={pending}>
                    <Unlink aria-hidden />
                    Unlink
                  </Button>
                }
                title="Unlink from Xero?"
                description="The Xero contact stays in Xero. Documents can't be sent for this record until it is linked again."
                confirmLabel="Unlink"
                onConfirm={() => run(() => actions.unlink({ kind, partyId }))}
                pending={pending}
              />
            ) : !issue ? (
              <Button size="sm" variant="secondary" disabled={pending} onClick={() => create(false)}>
                Create in Xero
              </Button>
            ) : null}
          </div>
        ) : (
          <p className="text-slate-500">Connect Factory to Xero to link this record.</p>
        )}
      </CardBody>
    </Card>
  );
}
