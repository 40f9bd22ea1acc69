import { Type } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { UserProfile, Users } from '@roster/dto';

// The response type is restated: a decorator's 200 replaces the one the compiler plugin infers.

/** A profile response carries its version as `ETag`; send it back as `If-Match` to update safely. */
export const ApiProfileHeaders = (type: Type = UserProfile) =>
  ApiResponse({ status: 200, type, headers: { ETag: { description: 'The profile version, e.g. `"3"`.', schema: { type: 'string' } } } });

/** A page of profiles links to the next one (RFC 8288), absent on the last page. */
export const ApiPageHeaders = () =>
  ApiResponse({ status: 200, type: Users, headers: { Link: { description: '`<…/users?limit=…&cursor=…>; rel="next"` while more pages follow.', schema: { type: 'string' } } } });
