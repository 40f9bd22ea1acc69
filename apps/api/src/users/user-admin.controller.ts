import { Body, Controller, Delete, Get, Header, Headers, HttpCode, Param, Patch, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { UpdateUserRequest, UserDeletion, UserIdentity, UserSessionCollection } from '@roster/dto';
import { Response } from 'express';
import { RequirePermission } from '../auth/access.decorators';
import { ErrorCode } from '../errors/app-error';
import { Attributed } from '../events/attributed.decorator';
import { Attribution } from '../events/attribution';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { parseIfMatch } from '../user/if-match';
import { ApiLinksJson, LINKS_JSON } from './links-json';
import { UserAdminService } from './user-admin.service';

/** Administrators' edits of one user and their sessions: Roster's additions to the Authress users API. */
@ApiTags('ManagementUsers')
@Controller('v1/users')
export class UserAdminController {
  constructor(private readonly admin: UserAdminService) {}

  /** Changes name, username, picture or vanity name; with `If-Match`, a stale version is 412 (its `ETag` names the current one). */
  @Patch(':userId')
  @RequirePermission('users:write')
  @ApiErrors(ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.PreconditionFailed)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The `ETag` read with the user; the edit applies only to that version.' })
  @Header('Content-Type', LINKS_JSON)
  @ApiLinksJson(UserIdentity, { etag: true })
  async patchUser(
    @Param('userId') userId: string,
    @Body() body: UpdateUserRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Attributed() by: Attribution,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UserIdentity> {
    const { user, etag } = await this.admin.update(userId, body, parseIfMatch(ifMatch), by);
    res.setHeader('ETag', etag);
    return user;
  }

  /** Whether a deletion is running for this userId or has finished (no row remains): what a console polls after DELETE. */
  @Get(':userId/deletion')
  @RequirePermission('users:read')
  @Header('Content-Type', LINKS_JSON)
  @ApiLinksJson(UserDeletion)
  getUserDeletion(@Param('userId') userId: string): Promise<UserDeletion> {
    return this.admin.deletion(userId);
  }

  /** The user's open sessions, newest first (at most 100). */
  @Get(':userId/sessions')
  @RequirePermission('users:read')
  @ApiErrors(ErrorCode.NotFound)
  @Header('Content-Type', LINKS_JSON)
  @ApiLinksJson(UserSessionCollection)
  getUserSessions(@Param('userId') userId: string): Promise<UserSessionCollection> {
    return this.admin.sessions(userId);
  }

  /** Signs the user out everywhere: every session ends and every token issued until now fails, on every replica. */
  @Delete(':userId/sessions')
  @RequirePermission('users:write')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(204)
  deleteUserSessions(@Param('userId') userId: string, @Attributed() by: Attribution): Promise<void> {
    return this.admin.endSessions(userId, by);
  }

  /** Ends one session: the tokens it holds fail on every replica within a second. */
  @Delete(':userId/sessions/:sessionId')
  @RequirePermission('users:write')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(204)
  deleteUserSession(@Param('userId') userId: string, @Param('sessionId') sessionId: string, @Attributed() by: Attribution): Promise<void> {
    return this.admin.endSession(userId, sessionId, by);
  }
}
