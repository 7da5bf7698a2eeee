// The starter list of US people-search sites, the ones the public opt-out lists mark as the most
// important. Facts only (names, web addresses, what removal asks for), in our own words.
//
// Sources: the field layout follows brianreumere/data-brokers (BSD-2-Clause); facts were checked
// against its data files (status dated 2023-11-01) and against what the public opt-out guides
// (the "Big Ass Data Broker Opt-Out List" by Yael Grauer, CC BY-NC-SA, and others) state. No text
// is copied from them. Written 2026-12-04 without network access: sites change their removal pages
// often, and the app says so beside every entry. Update the date below when the facts are checked.
import { z } from 'zod';

export const BROKER_FACTS_WRITTEN = '2026-12-04';
export const BROKER_SOURCES = [
  'brianreumere/data-brokers (BSD-2-Clause), status as of 2023-11-01',
  'Big Ass Data Broker Opt-Out List by Yael Grauer (CC BY-NC-SA): facts only, in our own words',
] as const;

export const REMOVAL_NEEDS = ['email', 'phone-call', 'text-message', 'profile-link', 'id', 'fee', 'account', 'letter'] as const;
export type RemovalNeed = (typeof REMOVAL_NEEDS)[number];

export const NEED_LABEL: Record<RemovalNeed, string> = {
  email: 'an e-mail address to confirm (use a separate one if you can)',
  'phone-call': 'a phone call to confirm',
  'text-message': 'a code sent by text message',
  'profile-link': 'the web address of your listing',
  id: 'may ask for proof of identity',
  fee: 'may ask for a fee',
  account: 'an account on the site',
  letter: 'a letter by post',
};

export const Broker = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  /** Where to look yourself up. */
  searchUrl: z.url({ protocol: /^https$/ }),
  /** Where to ask for removal. */
  optOutUrl: z.url({ protocol: /^https$/ }),
  needs: z.array(z.enum(REMOVAL_NEEDS)),
  /** Sites run by the same company: one removal may or may not cover them; check each. */
  sisterSites: z.array(z.string()),
  /** crucial: the big sites most people-search results come from. */
  priority: z.enum(['crucial', 'high']),
  recheckDays: z.number().int().positive(),
  /** In our own words: what to expect. */
  note: z.string(),
});
export type Broker = z.infer<typeof Broker>;

export const BROKERS: readonly Broker[] = [
  {
    id: 'spokeo', name: 'Spokeo', searchUrl: 'https://www.spokeo.com/', optOutUrl: 'https://www.spokeo.com/optout',
    needs: ['profile-link', 'email'], sisterSites: [], priority: 'crucial', recheckDays: 90,
    note: 'Find your listing first and copy its web address; removal is confirmed by a link sent to you by e-mail. Each listing (old addresses, name variants) is removed separately.',
  },
  {
    id: 'whitepages', name: 'Whitepages', searchUrl: 'https://www.whitepages.com/', optOutUrl: 'https://www.whitepages.com/suppression-requests',
    needs: ['profile-link', 'phone-call'], sisterSites: ['411.com'], priority: 'crucial', recheckDays: 90,
    note: 'Paste the web address of your listing; the site then calls a phone number and asks you to enter a code. Its paid "premium" records are handled apart from the free listing.',
  },
  {
    id: 'peopleconnect', name: 'PeopleConnect (Intelius, Instant Checkmate, TruthFinder, US Search)', searchUrl: 'https://www.intelius.com/', optOutUrl: 'https://suppression.peopleconnect.us/login',
    needs: ['email', 'text-message'], sisterSites: ['Intelius', 'Instant Checkmate', 'TruthFinder', 'US Search', 'ZabaSearch', 'AnyWho', 'Addresses.com'], priority: 'crucial', recheckDays: 90,
    note: 'One suppression centre covers the company’s sites: sign in with an e-mail code, find your record and ask for it to be hidden; verification may need a phone or text-message code.',
  },
  {
    id: 'beenverified', name: 'BeenVerified', searchUrl: 'https://www.beenverified.com/', optOutUrl: 'https://www.beenverified.com/app/optout/search',
    needs: ['email'], sisterSites: ['PeopleLooker', 'NeighborWho', 'NumberGuru', 'Ownerly', 'OfficialUSA'], priority: 'crucial', recheckDays: 90,
    note: 'Search the removal page, pick your record and confirm by e-mail. Public lists reported in 2023 that the confirmation e-mail did not always arrive: if it does not, record "needs my action" and look again.',
  },
  {
    id: 'peoplefinders', name: 'PeopleFinders', searchUrl: 'https://www.peoplefinders.com/', optOutUrl: 'https://www.peoplefinders.com/opt-out',
    needs: ['email'], sisterSites: [], priority: 'crucial', recheckDays: 90,
    note: 'Search the opt-out page for your record and follow the e-mail confirmation.',
  },
  {
    id: 'truepeoplesearch', name: 'TruePeopleSearch', searchUrl: 'https://www.truepeoplesearch.com/', optOutUrl: 'https://www.truepeoplesearch.com/removal',
    needs: ['email'], sisterSites: [], priority: 'crucial', recheckDays: 60,
    note: 'Free to search without an account, which makes it a favourite of people looking for someone. Search from the removal page and remove each matching record.',
  },
  {
    id: 'fastpeoplesearch', name: 'FastPeopleSearch', searchUrl: 'https://www.fastpeoplesearch.com/', optOutUrl: 'https://www.fastpeoplesearch.com/removal',
    needs: ['email'], sisterSites: [], priority: 'crucial', recheckDays: 60,
    note: 'Free to search; records reappear often. Start from the removal page, find your record and confirm by e-mail.',
  },
  {
    id: 'radaris', name: 'Radaris', searchUrl: 'https://radaris.com/', optOutUrl: 'https://radaris.com/control/privacy',
    needs: ['account', 'id', 'email'], sisterSites: [], priority: 'high', recheckDays: 90,
    note: 'Removal is hard: the site asks you to take "control" of your profile and may ask for proof of identity and of where you live. Weigh sending that against what the listing shows.',
  },
  {
    id: 'mylife', name: 'MyLife', searchUrl: 'https://www.mylife.com/', optOutUrl: 'https://www.mylife.com/ccpa/index.pubview',
    needs: ['profile-link', 'email'], sisterSites: [], priority: 'high', recheckDays: 90,
    note: 'Use the privacy request page, or write to the site’s privacy e-mail address with the web address of your listing; saying you are at risk of stalking or harassment has helped others.',
  },
  {
    id: 'nuwber', name: 'Nuwber', searchUrl: 'https://nuwber.com/', optOutUrl: 'https://nuwber.com/removal/link',
    needs: ['profile-link', 'email'], sisterSites: [], priority: 'high', recheckDays: 90,
    note: 'Paste the web address of your listing and confirm by e-mail.',
  },
  {
    id: 'usphonebook', name: 'USPhoneBook', searchUrl: 'https://www.usphonebook.com/', optOutUrl: 'https://www.usphonebook.com/opt-out',
    needs: ['profile-link'], sisterSites: [], priority: 'high', recheckDays: 90,
    note: 'Search on the opt-out page and remove the matching record; it links phone numbers to home addresses.',
  },
  {
    id: 'fastbackgroundcheck', name: 'FastBackgroundCheck', searchUrl: 'https://www.fastbackgroundcheck.com/', optOutUrl: 'https://www.fastbackgroundcheck.com/opt-out',
    needs: ['email'], sisterSites: [], priority: 'high', recheckDays: 90,
    note: 'Search the opt-out page for your record and confirm by e-mail.',
  },
  {
    id: 'thatsthem', name: 'ThatsThem', searchUrl: 'https://thatsthem.com/', optOutUrl: 'https://thatsthem.com/optout',
    needs: [], sisterSites: [], priority: 'high', recheckDays: 90,
    note: 'A form with your details as listed; public lists noted in 2023 that it failed in some browsers, so try another if it does.',
  },
  {
    id: 'clustrmaps', name: 'ClustrMaps', searchUrl: 'https://clustrmaps.com/', optOutUrl: 'https://clustrmaps.com/bl/opt-out',
    needs: ['profile-link'], sisterSites: [], priority: 'high', recheckDays: 90,
    note: 'Look yourself up first, then ask for removal of that page; it shows addresses and neighbours.',
  },
];

export function brokerById(id: string): Broker | undefined {
  return BROKERS.find((b) => b.id === id);
}
