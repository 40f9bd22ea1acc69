import { GroupedTimestamp } from './grouped-timestamp.dto';

export const EXTERNAL_PROVIDER_TYPES = ['UNKNOWN', 'github', 'google-oauth2', 'bitbucket', 'linkedin', 'twitter', 'facebook', 'waad', 'discord', 'gitlab', 'apple', 'username_email', 'slack'] as const;
export type ExternalProviderType = (typeof EXTERNAL_PROVIDER_TYPES)[number];

/** Pieces `ExternalProvider`: one linked identity. Access tokens are never sent. */
export class ExternalProvider {
  type: ExternalProviderType;
  user_id: string;
  created: GroupedTimestamp;
  updated: GroupedTimestamp;
  connection?: string;
  isSocial?: boolean;
  profileData?: Record<string, unknown>;
}

export class ExternalProviders {
  iterable: ExternalProvider[];
}
