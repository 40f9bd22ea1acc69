import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { LimitQuery, OAuthToken, PageQuery, UserProfile, Users } from '@roster/dto';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Authenticated, Public, RequirePermission } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { ProfilePage, ProfilesService } from './profiles.service';
import { PiecesUsersService } from './pieces-users.service';
import { ErrorCode } from '../errors/app-error';
import { Attributed, RequestId } from '../events/attributed.decorator';
import { Attribution } from '../events/attribution';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiPageHeaders, ApiProfileHeaders } from '../openapi/api-headers.decorator';

const USERS_PAGING = [
  'One page of profiles, oldest first: at most `limit` (default 100, at most 1000). A call without `limit` returns the first 100 only,',
  "although the Pieces SDK's `users_snapshot()` speaks of all users.",
  'While more follow, the response has a `Link: <…/users?limit=…&cursor=…>; rel="next"` header: request that absolute URL as it is',
  '(the `cursor` is opaque and keeps your `limit`), and repeat until a response has no `Link` header. That reaches every user.',
].join(' ');

/** The Pieces OS `/users` API. */
@ApiTags('Users')
@Controller('users')
export class PiecesUsersController {
  constructor(
    private readonly users: PiecesUsersService,
    private readonly profiles: ProfilesService,
    private readonly config: AppConfig,
  ) {}

  /** The body carries the credential, so no Authorization header is needed. */
  @Post('authenticate/from_token')
  @Public()
  @ApiProfileHeaders()
  @HttpCode(200)
  async authenticateFromOauthToken(@Body() body: OAuthToken, @RequestId() requestId: string | null, @Res({ passthrough: true }) res: Response): Promise<UserProfile> {
    const { profile, etag } = await this.users.fromToken(body, requestId);
    res.setHeader('ETag', etag);
    return profile;
  }

  @Get()
  @RequirePermission('users:read')
  @ApiOperation({ summary: 'A page of user profiles; the `Link` header leads to the next.', description: USERS_PAGING })
  @ApiPageHeaders()
  async usersSnapshot(@Query() query: PageQuery, @Res({ passthrough: true }) res: Response): Promise<Users> {
    return this.sendPage(await this.profiles.page(query.limit, query.cursor), query.limit, res);
  }

  @Get(':user')
  @Authenticated()
  @ApiErrors(ErrorCode.Forbidden, ErrorCode.NotFound)
  @ApiProfileHeaders()
  async usersSpecificUserSnapshot(@CurrentPrincipal() caller: Principal, @Param('user') id: string, @Res({ passthrough: true }) res: Response): Promise<UserProfile> {
    const { profile, etag } = await this.users.specific(caller, id);
    res.setHeader('ETag', etag);
    return profile;
  }

  @Post(':user/disconnect')
  @Authenticated()
  @ApiErrors(ErrorCode.Forbidden, ErrorCode.NotFound)
  @ApiPageHeaders()
  @HttpCode(200)
  async usersDisconnectUser(@CurrentPrincipal() caller: Principal, @Param('user') id: string, @Query() query: LimitQuery, @Attributed() by: Attribution, @Res({ passthrough: true }) res: Response): Promise<Users> {
    return this.sendPage(await this.users.disconnect(caller, id, query.limit, by), query.limit, res);
  }

  /** RFC 8288 `Link` to the next page, absolute from PUBLIC_URL. */
  private sendPage(page: ProfilePage, limit: number, res: Response): Users {
    if (page.next) res.setHeader('Link', `<${this.config.http.publicUrl}/users?limit=${limit}&cursor=${encodeURIComponent(page.next)}>; rel="next"`);
    return { iterable: page.profiles };
  }
}
