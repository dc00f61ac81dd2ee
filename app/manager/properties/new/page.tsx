// /manager/properties/new: register a property with its units.
import type { Metadata } from 'next';
import { PropertyForm } from '@/components/manager/property-form';
import { Card } from '@/components/ui/card';
import { requireRole } from '@/server/http/page-auth';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Register a property' };

export default async function NewPropertyPage() {
  await requireRole('manager', '/manager/properties/new');
  const { defaultTimeZone } = await getRuntime();
  // Every zone the runtime knows, plus UTC (which the list leaves out) and the server's default.
  const timeZones = [...new Set(['UTC', defaultTimeZone, ...Intl.supportedValuesOf('timeZone')])].sort();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold tracking-tight">Register a property</h1>
      <Card>
        <PropertyForm timeZones={timeZones} defaultTimeZone={defaultTimeZone} />
      </Card>
    </div>
  );
}
