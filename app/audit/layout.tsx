// The audit section: its pages plus the print stylesheet behind the timeline's "Print view".
import type { ReactNode } from 'react';
import './print.css';

export default function AuditLayout({ children }: { children: ReactNode }) {
  return children;
}
