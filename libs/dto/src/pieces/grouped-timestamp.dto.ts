/** Pieces `GroupedTimestamp`: ISO-8601 UTC with `Z`. */
export class GroupedTimestamp {
  value: string;
  readable?: string;
}
