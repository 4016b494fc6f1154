"use client";

import { Factory, Menu, X } from "lucide-react";
import Link from "next/link";
import { Dialog as DialogPrimitive } from "radix-ui";
import { useState, type ReactNode } from "react";
import { SidebarNav } from "./sidebar-nav";

function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 px-6 py-5 text-white">
      <Factory className="size-6" aria-hidden />
      <span className="text-lg font-semibold tracking-tight">Factory</span>
    </Link>
  );
}

/** Sidebar on laptops and up; on tablets and phones the same navigation opens as a drawer. */
export function AppShell({
  isAdmin,
  header,
  children,
}: {
  isAdmin: boolean;
  header: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="min-h-screen lg:pl-60">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col overflow-y-auto bg-slate-900 lg:flex">
        <Brand />
        <SidebarNav isAdmin={isAdmin} />
      </aside>

      <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
        <DialogPrimitive.Portal>
          <DialogPrimitive.Overlay className="fixed inset-0 z-40 bg-slate-900/50 lg:hidden" />
          <DialogPrimitive.Content className="fixed inset-y-0 left-0 z-50 w-64 overflow-y-auto bg-slate-900 lg:hidden">
            <DialogPrimitive.Title className="sr-only">Navigation</DialogPrimitive.Title>
            <DialogPrimitive.Description className="sr-only">
              Go to a section of Factory
            </DialogPrimitive.Description>
            <div className="flex items-center justify-between pr-3">
              <Brand />
              <DialogPrimitive.Close
                className="rounded p-2 text-slate-300 hover:text-white"
                aria-label="Close menu"
              >
                <X className="size-5" />
              </DialogPrimitive.Close>
            </div>
            <SidebarNav isAdmin={isAdmin} onNavigate={() => setOpen(false)} />
          </DialogPrimitive.Content>
        </DialogPrimitive.Portal>
      </DialogPrimitive.Root>

      <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-slate-200 bg-white/95 px-4 backdrop-blur sm:px-6">
        <button
          type="button"
          className="-ml-1 rounded p-2 text-slate-600 hover:bg-slate-100 lg:hidden"
          aria-label="Open menu"
          onClick={() => setOpen(true)}
        >
          <Menu className="size-5" />
        </button>
        {header}
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
