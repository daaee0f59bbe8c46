// Calico selector grammar. Placeholder API: the parser lands with the validation work.

/** Returns an error message when the selector is not valid Calico selector syntax, else undefined. */
export function validateSelector(_text: string): string | undefined {
  return undefined;
}
