/**
 * Xero's own "Connect to Xero" button artwork, unmodified (certification 4.1), as a plain link: the
 * consent runs in this window, never a pop-up (5.8).
 */
export function ConnectToXero({ label = "Connect to Xero" }: { label?: string }) {
  return (
    <a
      href="/api/xero/connect"
      className="inline-block rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- a fixed-size vendored SVG, shown as is */}
      <img src="/xero/connect-blue.svg" width={190} height={43} alt={label} />
    </a>
  );
}
