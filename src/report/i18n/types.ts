/** Types of the string catalogue (no runtime code). */
export type Lang = "en" | "zh";

/** One phrase in both languages. */
export interface Phrase {
  en: string;
  zh: string;
}

/** A block of the catalogue: key -> phrase. */
export type Catalogue = Record<string, Phrase>;
