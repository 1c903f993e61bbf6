import { faker } from '@faker-js/faker/locale/en';

/** The word lists generated people are made of: faker's English data, read, never drawn through faker. */
export interface PeopleWords {
  readonly firstNames: readonly string[];
  readonly lastNames: readonly string[];
  readonly bioParts: readonly string[];
  readonly bioSupporters: readonly string[];
  readonly nouns: readonly string[];
  readonly emoji: readonly string[];
}

/** Only faker's English locale is loaded (about a tenth of the package), and only when users are generated. */
export function peopleWords(): PeopleWords {
  const { person, word, internet } = faker.rawDefinitions;
  const first = person?.first_name;
  const emoji = internet?.emoji;
  const words = {
    firstNames: [...list(first?.female), ...list(first?.male), ...list(first?.generic)],
    lastNames: list(person?.last_name?.generic),
    bioParts: list(person?.bio_part),
    bioSupporters: list(person?.bio_supporter),
    nouns: list(word?.noun),
    emoji: [...list(emoji?.smiley), ...list(emoji?.nature), ...list(emoji?.food), ...list(emoji?.activity)],
  };
  const empty = Object.entries(words).find(([, values]) => values.length === 0);
  if (empty) throw new Error(`faker's English locale has no ${empty[0]}`);
  return words;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
