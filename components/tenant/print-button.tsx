'use client';
// Prints the page (the header, footer and this button are hidden in print).
import { Button } from '@/components/ui/button';

export function PrintButton() {
  return (
    <Button variant="secondary" onClick={() => window.print()} className="print:hidden">
      Print receipt
    </Button>
  );
}
