import type { Opportunity } from '../contract/opportunities.ts';
import type { Account } from '../contract/accounts.ts';
import type { Contact } from '../contract/contacts.ts';
import type { User } from '../contract/users.ts';
import { createOrganization } from '../server/organizations/organizations.service.ts';
import { signIn, type Caller, type TestContext } from './test-app.ts';

export const TEST_PASSWORD = 'correct-horse-battery';

type Person = { user: User; as: Caller };
type Book = { account: Account; contact: Contact; opportunity: Opportunity };

export type Workspace = {
  acme: {
    orgId: string;
    admin: Person;
    vp: Person;
    managerA: Person;
    sellerA1: Person;
    sellerA2: Person;
    managerB: Person;
    sellerB1: Person;
  };
  globex: { orgId: string; admin: Person; seller: Person };
  /** one account, contact and opportunity owned by each seller */
  books: { sellerA1: Book; sellerA2: Book; sellerB1: Book; globexSeller: Book };
};

/**
 * Two organizations. Acme: admin; vp (manager) over managerA (sellerA1, sellerA2) and managerB
 * (sellerB1). Globex: an admin and a seller. Everyone's password is TEST_PASSWORD.
 */
export async function buildWorkspace(ctx: TestContext): Promise<Workspace> {
  const acmeOrg = await createOrganization(ctx.deps, {
    name: 'Acme',
    admin: { email: 'admin@acme.test', name: 'Ada Admin', password: TEST_PASSWORD },
  });
  const globexOrg = await createOrganization(ctx.deps, {
    name: 'Globex',
    admin: { email: 'admin@globex.test', name: 'Gus Admin', password: TEST_PASSWORD },
  });
  const acmeAdmin = await person(ctx, acmeOrg.admin);
  const globexAdmin = await person(ctx, globexOrg.admin);

  const add = async (admin: Person, email: string, name: string, role: User['role'], managerId: string | null) => {
    const response = await admin.as.post('/api/users', { email, name, role, managerId, password: TEST_PASSWORD });
    if (response.statusCode !== 201) throw new Error(`adding ${email}: ${response.body}`);
    return person(ctx, response.json<User>());
  };
  const vp = await add(acmeAdmin, 'vp@acme.test', 'Vera Vp', 'manager', acmeOrg.admin.id);
  const managerA = await add(acmeAdmin, 'manager.a@acme.test', 'Max Manager', 'manager', vp.user.id);
  const managerB = await add(acmeAdmin, 'manager.b@acme.test', 'Mia Manager', 'manager', vp.user.id);
  const sellerA1 = await add(acmeAdmin, 'seller.a1@acme.test', 'Sam Seller', 'seller', managerA.user.id);
  const sellerA2 = await add(acmeAdmin, 'seller.a2@acme.test', 'Sue Seller', 'seller', managerA.user.id);
  const sellerB1 = await add(acmeAdmin, 'seller.b1@acme.test', 'Bob Seller', 'seller', managerB.user.id);
  const globexSeller = await add(globexAdmin, 'seller@globex.test', 'Gina Seller', 'seller', globexOrg.admin.id);

  return {
    acme: { orgId: acmeOrg.orgId, admin: acmeAdmin, vp, managerA, sellerA1, sellerA2, managerB, sellerB1 },
    globex: { orgId: globexOrg.orgId, admin: globexAdmin, seller: globexSeller },
    books: {
      sellerA1: await openBook(sellerA1, 'Initech'),
      sellerA2: await openBook(sellerA2, 'Umbrella'),
      sellerB1: await openBook(sellerB1, 'Hooli'),
      globexSeller: await openBook(globexSeller, 'Soylent'),
    },
  };
}

async function person(ctx: TestContext, user: User): Promise<Person> {
  return { user, as: await signIn(ctx.app, user.email, TEST_PASSWORD) };
}

async function openBook(owner: Person, company: string): Promise<Book> {
  const account = await created<Account>(
    owner.as.post('/api/accounts', { name: company, industry: 'Software', relationship: 'new' }),
  );
  const contact = await created<Contact>(
    owner.as.post('/api/contacts', {
      accountId: account.id,
      name: `Pat ${company}`,
      title: 'CFO',
      email: `pat@${company.toLowerCase()}.test`,
    }),
  );
  const opportunity = await created<Opportunity>(
    owner.as.post('/api/opportunities', {
      name: `${company} platform`,
      accountId: account.id,
      amountMinor: 5_000_000,
      currency: 'USD',
      expectedCloseDate: '2027-02-15',
    }),
  );
  return { account, contact, opportunity };
}

async function created<T>(request: Promise<{ statusCode: number; body: string; json<U>(): U }>): Promise<T> {
  const response = await request;
  if (response.statusCode !== 201) throw new Error(`expected 201, got ${response.statusCode}: ${response.body}`);
  return response.json<T>();
}
