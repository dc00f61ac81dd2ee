// The fixed content of the demo portfolio: accounts, buildings, people, requests and notices.
// Dates are not here: the plan places everything relative to the seeding day.
import type { UserRole } from '../auth/tables';

export const DEMO_PASSWORD = 'leasebook-demo';

export interface DemoAccount {
  email: string;
  name: string;
  role: UserRole;
}

/** The accounts API.md ("Demo data") promises. */
export const DEMO_ACCOUNTS = {
  manager: { email: 'manager@example.com', name: 'Morgan Lee', role: 'manager' },
  tenant: { email: 'tenant@example.com', name: 'Taylor Brooks', role: 'tenant' },
  tenant2: { email: 'tenant2@example.com', name: 'Jordan Reyes', role: 'tenant' },
  auditor: { email: 'auditor@example.com', name: 'Avery Chen', role: 'auditor' },
  admin: { email: 'admin@example.com', name: 'Sam Patel', role: 'admin' },
} as const satisfies Record<string, DemoAccount>;

/** The other tenants (emails are firstname.lastname@example.com). */
export const TENANT_NAMES = [
  'Olivia Martinez',
  'Liam Johnson',
  'Emma Williams',
  'Noah Garcia',
  'Sophia Nguyen',
  'Mason Davis',
  'Isabella Rodriguez',
  'Ethan Wilson',
  'Mia Anderson',
  'Lucas Thomas',
  'Amelia Hernandez',
  'Benjamin Moore',
  'Harper Jackson',
  'Elijah Martin',
  'Evelyn Thompson',
  'James White',
  'Abigail Lopez',
  'Henry Clark',
  'Ella Lewis',
  'Alexander Walker',
  'Scarlett Hall',
  'Daniel Young',
  'Grace Allen',
  'Michael King',
  'Chloe Wright',
  'Samuel Scott',
  'Zoe Green',
  'David Baker',
  'Nora Adams',
] as const;

export const emailOf = (name: string): string => `${name.toLowerCase().replace(/\s+/g, '.')}@example.com`;

export interface DemoProperty {
  name: string;
  address: { line1: string; city: string; state: string; postalCode: string };
  /** Its IANA zone: the demo spans four US zones, so "today" differs between its tenants. */
  timeZone: string;
  /** Market rents are drawn between these (whole dollars). */
  rentRange: [number, number];
  units: string[];
}

export const PROPERTIES: readonly DemoProperty[] = [
  {
    name: 'Maple Court Apartments',
    address: { line1: '1420 SW Maple Avenue', city: 'Portland', state: 'OR', postalCode: '97205' },
    timeZone: 'America/Los_Angeles',
    rentRange: [1450, 1950],
    units: ['101', '102', '103', '104', '201', '202', '203', '204', '301', '302'],
  },
  {
    name: 'Harbor View Lofts',
    address: { line1: '88 Wharf Street', city: 'Boston', state: 'MA', postalCode: '02110' },
    timeZone: 'America/New_York',
    rentRange: [2600, 3400],
    units: ['Loft 1A', 'Loft 1B', 'Loft 2A', 'Loft 2B', 'Loft 3A', 'Loft 3B', 'Loft 4A', 'Loft 4B'],
  },
  {
    name: 'Cedar Ridge Townhomes',
    address: { line1: '2250 Cedar Ridge Drive', city: 'Austin', state: 'TX', postalCode: '78745' },
    timeZone: 'America/Chicago',
    rentRange: [1850, 2300],
    units: ['TH-1', 'TH-2', 'TH-3', 'TH-4', 'TH-5', 'TH-6', 'TH-7', 'TH-8'],
  },
  {
    name: 'The Linden',
    address: { line1: '510 E Linden Boulevard', city: 'Denver', state: 'CO', postalCode: '80203' },
    timeZone: 'America/Denver',
    rentRange: [1600, 2200],
    units: ['1A', '1B', '1C', '2A', '2B', '2C', '3A', '3B'],
  },
  {
    name: 'Oakwood Gardens',
    address: { line1: '77 Oakwood Lane', city: 'Columbus', state: 'OH', postalCode: '43215' },
    timeZone: 'America/New_York',
    rentRange: [1050, 1350],
    units: ['Unit 1', 'Unit 2', 'Unit 3', 'Unit 4', 'Unit 5', 'Unit 6'],
  },
];

export type Category = 'plumbing' | 'electrical' | 'appliance' | 'heating' | 'cooling' | 'pest' | 'other';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export const REQUEST_TEXTS: readonly { category: Category; priority: Priority; description: string }[] = [
  { category: 'plumbing', priority: 'high', description: 'Kitchen sink drains very slowly and backs up.' },
  {
    category: 'heating',
    priority: 'urgent',
    description: 'No heat since last night; the thermostat is blank.',
  },
  {
    category: 'appliance',
    priority: 'normal',
    description: 'Dishwasher leaves standing water after every cycle.',
  },
  {
    category: 'electrical',
    priority: 'high',
    description: 'Bathroom outlet sparks when something is plugged in.',
  },
  { category: 'pest', priority: 'normal', description: 'Ants along the kitchen window sill.' },
  { category: 'cooling', priority: 'high', description: 'Air conditioning blows warm air.' },
  { category: 'plumbing', priority: 'normal', description: 'Toilet keeps running after flushing.' },
  { category: 'other', priority: 'low', description: 'Bedroom closet door is off its track.' },
  { category: 'appliance', priority: 'normal', description: 'Refrigerator is making a loud buzzing noise.' },
  { category: 'electrical', priority: 'low', description: 'Hallway light fixture flickers.' },
  {
    category: 'plumbing',
    priority: 'urgent',
    description: 'Water leaking through the ceiling below the bathroom.',
  },
  { category: 'other', priority: 'low', description: 'Window screen torn in the living room.' },
  { category: 'heating', priority: 'normal', description: 'Radiator in the bedroom knocks loudly.' },
  { category: 'appliance', priority: 'high', description: 'Oven does not heat up.' },
];

export const RESOLUTIONS = [
  'Cleared the drain line and tested it.',
  'Replaced the faulty part and tested it with the tenant.',
  'Repaired on site; everything works as expected.',
  'Replaced the unit with a new one.',
];

export const RATING_COMMENTS: Record<number, string> = {
  5: 'Fixed the same day. Very friendly technician.',
  4: 'Good repair, took a little longer than promised.',
  3: 'Fixed, but I had to call twice to get an appointment.',
  2: 'The technician was late and left a mess.',
  1: 'Still not working properly after the visit.',
};

export const NOTICES = {
  welcome: {
    title: 'Welcome to the resident portal',
    body: 'Pay rent, track your balance and file maintenance requests online, any time.',
  },
  water: {
    title: 'Scheduled water shut-off',
    body: 'Water will be shut off from 9 am to 1 pm for pipe repairs. Please store some water in advance.',
  },
  holiday: {
    title: 'Holiday office hours',
    body: 'The leasing office is closed over the holidays. For emergencies call the maintenance line.',
  },
  fire: {
    title: 'Annual fire alarm inspection',
    body: 'Technicians will test the smoke detectors in every unit. Expect short alarm sounds.',
  },
  parking: {
    title: 'Parking lot resurfacing',
    body: 'Please move your car to the street during the resurfacing work; the lot will be closed for two days.',
  },
} as const;
