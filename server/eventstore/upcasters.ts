// Upcasters turn an event stored at an older schema version into the current shape. They run
// on every read path, so the rest of the app only ever sees current schemas.

export interface Upcaster {
  eventType: string;
  fromVersion: number;
  toVersion: number;
  upcast(data: unknown): unknown;
}

export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();
  private readonly latest = new Map<string, number>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) this.register(upcaster);
  }

  register(upcaster: Upcaster): this {
    if (upcaster.toVersion <= upcaster.fromVersion) {
      throw new Error(`Upcaster ${upcaster.eventType} must move to a newer version.`);
    }
    const key = `${upcaster.eventType}@${upcaster.fromVersion}`;
    if (this.byKey.has(key)) throw new Error(`Two upcasters for ${key}.`);
    this.byKey.set(key, upcaster);
    this.latest.set(
      upcaster.eventType,
      Math.max(this.currentVersion(upcaster.eventType), upcaster.toVersion),
    );
    return this;
  }

  /** The schema version new events of this type are written with. */
  currentVersion(eventType: string): number {
    return this.latest.get(eventType) ?? 1;
  }

  upcast(eventType: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: unknown } {
    let version = schemaVersion;
    let current = data;
    for (
      let step = this.byKey.get(`${eventType}@${version}`);
      step;
      step = this.byKey.get(`${eventType}@${version}`)
    ) {
      current = step.upcast(current);
      version = step.toVersion;
    }
    return { schemaVersion: version, data: current };
  }
}
