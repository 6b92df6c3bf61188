/**
 * Concurrent writers across the two instances, for every versioned record: many PATCHes with the
 * same version, a PATCH against a DELETE, two DELETEs, and creates that must stay unique or ordered.
 * A lost update is a write that was answered as done but is not what the record holds afterwards
 * (or two writers both told they won with the same version); a broken invariant is a duplicate
 * that must not exist (two users with one email, two stages at one position, two delete events).
 */
import { getJson, send, type Answer, type Session } from './client.ts';

export type RaceTally = {
  requests: number;
  statuses: Map<number, number>;
  lostUpdates: string[];
  brokenInvariants: string[];
};

type Versioned = { id: string; version: number };

type PatchTarget = {
  kind: string;
  /** a record to fight over, with its current version */
  fresh(): Promise<Versioned & { url: string }>;
  /** the body of the n-th writer; `read` gives back the value that body writes */
  body(n: number, version: number): Record<string, unknown>;
  written(n: number): unknown;
  read(record: Record<string, unknown>): unknown;
};

const WRITERS = 8;

export async function raceAll(bases: readonly string[], admin: Session, rounds: number): Promise<RaceTally> {
  const tally: RaceTally = { requests: 0, statuses: new Map(), lostUpdates: [], brokenInvariants: [] };
  const base = bases[0]!;
  const count = (answer: Answer) => {
    tally.requests++;
    tally.statuses.set(answer.status, (tally.statuses.get(answer.status) ?? 0) + 1);
    return answer;
  };
  /** the i-th call goes to the i-th instance in turn */
  const on = (i: number) => bases[i % bases.length]!;
  const stamp = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

  const accounts = await getJson<{ items: Array<{ id: string }> }>(base, '/api/accounts?limit=5', admin);
  const accountId = accounts.items[0]!.id;
  const users = await getJson<{ items: Array<{ id: string; role: string }> }>(base, '/api/users', admin);
  const sellerIds = users.items.filter((u) => u.role === 'seller').map((u) => u.id);
  const create = async (path: string, body: unknown) => {
    const answer = count(await send(base, { method: 'POST', path, body, session: admin }));
    if (answer.status !== 201) throw new Error(`POST ${path}: ${answer.status} ${answer.body.slice(0, 300)}`);
    return JSON.parse(answer.body) as Versioned;
  };
  const freshRecord = async (path: string, body: () => unknown) => {
    const record = await create(path, body());
    return { ...record, url: `${path}/${record.id}` };
  };
  const newAccount = () => freshRecord('/api/accounts', () => ({ name: `Race account ${stamp()}` }));
  const newContact = () => freshRecord('/api/contacts', () => ({ accountId, name: `Race contact ${stamp()}` }));
  const newOpportunity = () =>
    freshRecord('/api/opportunities', () => ({
      name: `Race deal ${stamp()}`,
      accountId,
      amountMinor: 100_000,
      currency: 'USD',
      expectedCloseDate: '2027-03-31',
    }));
  const existing = async (url: string) => ({ ...(await getJson<Versioned>(base, url, admin)), url });

  const named = (kind: string, fresh: PatchTarget['fresh']): PatchTarget => ({
    kind,
    fresh,
    body: (n, version) => ({ name: `${kind} writer ${n}`, version }),
    written: (n) => `${kind} writer ${n}`,
    read: (r) => r.name,
  });
  const dangerZones = await getJson<{ items: Array<{ id: string; version: number; enabled: boolean }> }>(
    base,
    '/api/danger-zones',
    admin,
  );
  const objectives = await getJson<{ items: Array<{ key: string }> }>(base, '/api/objectives', admin);
  const targets: PatchTarget[] = [
    named('account', newAccount),
    named('contact', newContact),
    named('opportunity', newOpportunity),
    named('user', () => existing(`/api/users/${sellerIds[0]}`)),
    named('stage', async () => {
      // stages have no GET of their own: the list holds their versions
      const stages = await getJson<{ items: Array<{ id: string; version: number }> }>(base, '/api/stages', admin);
      const stage = stages.items[0]!;
      return { id: stage.id, version: stage.version, url: `/api/stages/${stage.id}` };
    }),
    {
      kind: 'objective',
      fresh: async () => {
        const url = `/api/objectives/${objectives.items[0]!.key}`;
        const list = await getJson<{ items: Array<{ key: string; version: number }> }>(base, '/api/objectives', admin);
        return { id: objectives.items[0]!.key, version: list.items[0]!.version, url };
      },
      body: (n, version) => ({ definition: `What the buyer must know, as writer ${n} put it.`, version }),
      written: (n) => `What the buyer must know, as writer ${n} put it.`,
      read: (r) => r.definition,
    },
    {
      kind: 'danger zone',
      fresh: async () => {
        const list = await getJson<{ items: Array<{ id: string; version: number }> }>(base, '/api/danger-zones', admin);
        const rule = list.items.find((r) => r.id === dangerZones.items[0]!.id)!;
        return { id: rule.id, version: rule.version, url: `/api/danger-zones/${rule.id}` };
      },
      body: (n, version) => ({ enabled: n % 2 === 0, version }),
      written: (n) => n % 2 === 0,
      read: (r) => r.enabled,
    },
  ];

  const readBack = async (target: PatchTarget, url: string): Promise<Record<string, unknown> | null> => {
    const listed = { objective: '/api/objectives', 'danger zone': '/api/danger-zones', stage: '/api/stages' }[
      target.kind
    ];
    if (listed) {
      const list = await getJson<{ items: Array<Record<string, unknown>> }>(base, listed, admin);
      return list.items.find((r) => (r.key ?? r.id) === url.split('/').pop()) ?? null;
    }
    const answer = await send(base, { method: 'GET', path: url, session: admin });
    return answer.status === 200 ? (JSON.parse(answer.body) as Record<string, unknown>) : null;
  };

  for (const target of targets) {
    for (let round = 0; round < rounds; round++) {
      const record = await target.fresh();
      const answers = await Promise.all(
        Array.from({ length: WRITERS }, (_, n) =>
          send(on(n), { method: 'PATCH', path: record.url, body: target.body(n, record.version), session: admin }).then(
            count,
          ),
        ),
      );
      const winners = answers.flatMap((a, n) => (a.status === 200 ? [n] : []));
      const where = `${target.kind} ${record.id}, round ${round + 1}`;
      if (winners.length > 1)
        tally.lostUpdates.push(`${where}: ${winners.length} writers were told they won with version ${record.version}`);
      const stored = await readBack(target, record.url);
      if (winners.length === 1 && stored && target.read(stored) !== target.written(winners[0]!)) {
        tally.lostUpdates.push(
          `${where}: writer ${winners[0]} won but the record holds ${JSON.stringify(target.read(stored))}`,
        );
      }
    }
  }

  // a change against a delete, and two deletes, for each soft-deleted record
  const deletable: Array<[string, () => Promise<Versioned & { url: string }>]> = [
    ['account', newAccount],
    ['contact', newContact],
    ['opportunity', newOpportunity],
  ];
  for (const [kind, fresh] of deletable) {
    for (let round = 0; round < rounds; round++) {
      const record = await fresh();
      const [patched, deleted] = await Promise.all([
        send(on(0), {
          method: 'PATCH',
          path: record.url,
          body: { name: `${kind} renamed`, version: record.version },
          session: admin,
        }).then(count),
        send(on(1), { method: 'DELETE', path: record.url, session: admin }).then(count),
      ]);
      const after = await send(base, { method: 'GET', path: record.url, session: admin });
      const where = `${kind} ${record.id}, round ${round + 1}`;
      if (patched.status === 200 && deleted.status === 204) {
        const live = after.status === 200;
        const renamed = live && (JSON.parse(after.body) as { name: string }).name === `${kind} renamed`;
        // both may succeed one after the other only if the delete came last and the record is gone
        if (live)
          tally.lostUpdates.push(
            `${where}: the delete answered 204 but the record is still live${renamed ? '' : ' and lost the rename'}`,
          );
      } else if (deleted.status === 204 && after.status !== 404) {
        tally.lostUpdates.push(`${where}: the delete answered 204 but the record is still live`);
      } else if (
        patched.status === 200 &&
        after.status === 200 &&
        (JSON.parse(after.body) as { name: string }).name !== `${kind} renamed`
      ) {
        tally.lostUpdates.push(`${where}: the rename answered 200 but the record does not hold it`);
      }

      const twice = await fresh();
      const deletes = await Promise.all(
        [0, 1].map((n) => send(on(n), { method: 'DELETE', path: twice.url, session: admin }).then(count)),
      );
      const history = await getJson<{ items: Array<{ action: string }> }>(base, `${twice.url}/history`, admin);
      const deleteEvents = history.items.filter((e) => e.action === 'delete').length;
      const accepted = deletes.filter((d) => d.status === 204).length;
      if (deleteEvents !== 1 || accepted !== 1) {
        tally.brokenInvariants.push(
          `${kind} ${twice.id}: two concurrent deletes gave ${deletes.map((d) => d.status).join(' and ')} and ${deleteEvents} delete events`,
        );
      }
    }
  }

  // creates that must stay unique or ordered
  for (let round = 0; round < rounds; round++) {
    const email = `race.${stamp()}@demo.example.com`;
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        send(on(n), {
          method: 'POST',
          path: '/api/users',
          body: { email, name: `Racer ${n}`, role: 'seller' },
          session: admin,
        }).then(count),
      ),
    );
    const made = created.filter((c) => c.status === 201).length;
    if (made !== 1) tally.brokenInvariants.push(`10 concurrent creates of ${email} made ${made} people`);

    await Promise.all(
      Array.from({ length: 6 }, (_, n) =>
        send(on(n), {
          method: 'POST',
          path: '/api/stages',
          body: { name: `Race stage ${stamp()} ${n}`, probability: 10 },
          session: admin,
        }).then(count),
      ),
    );
    const stages = await getJson<{ items: Array<{ position: number }> }>(base, '/api/stages', admin);
    const positions = stages.items.map((s) => s.position);
    if (new Set(positions).size !== positions.length)
      tally.brokenInvariants.push(`stage positions repeat after concurrent creates: ${positions.join(', ')}`);
  }
  return tally;
}
