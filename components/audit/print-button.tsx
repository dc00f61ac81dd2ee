'use client';
// Opens the browser's print dialog; the print stylesheet hides the controls and keeps the events.
export function PrintButton({ className }: { className?: string }) {
  return (
    <button type="button" onClick={() => window.print()} className={className}>
      Print view
    </button>
  );
}
