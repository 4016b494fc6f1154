import { cn } from "@/lib/ui/cn";

const STEPS = ["Choose", "Fetch from Xero", "Review", "Import"] as const;

/** Where the wizard is: four steps, the current one marked for assistive technology too. */
export function ImportSteps({ current }: { current: 1 | 2 | 3 | 4 }) {
  return (
    <ol className="mb-6 flex flex-wrap gap-2 text-sm" aria-label="Import steps">
      {STEPS.map((label, index) => {
        const step = index + 1;
        return (
          <li
            key={label}
            aria-current={step === current ? "step" : undefined}
            className={cn(
              "flex items-center gap-2 rounded-full border px-3 py-1",
              step === current
                ? "border-slate-900 bg-slate-900 text-white"
                : step < current
                  ? "border-emerald-300 bg-emerald-50 text-emerald-800"
                  : "border-slate-200 bg-white text-slate-500",
            )}
          >
            <span className="font-semibold">{step}</span>
            {label}
          </li>
        );
      })}
    </ol>
  );
}
