import { Body, Controller, Get, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { Auth0User, ReturnedUserProfile, STREAM_BEARER_PROTOCOL, STREAM_CLOSE_CODES, UserBetaStatus, UserProfile } from '@roster/dto';
import { Response } from 'express';
import { Authenticated, Public, SignInFirst } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { ProfileWithEtag } from '../users/profiles.service';
import { CurrentUserService } from './current-user.service';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { ErrorCode } from '../errors/app-error';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ApiProfileHeaders } from '../openapi/api-headers.decorator';
import { parseIfMatch } from './if-match';
import { Attributed, RequestId } from '../events/attributed.decorator';
import { Attribution } from '../events/attribution';

const withEtag = (res: Response, { profile, etag }: ProfileWithEtag): UserProfile => {
  res.setHeader('ETag', etag);
  return profile;
};

/** The Pieces OS `/user` API: the current user is the caller. */
@Controller('user')
export class UserController {
  constructor(private readonly currentUser: CurrentUserService) {}

  @Get()
  @Public()
  async userSnapshot(@CurrentPrincipal() caller: Principal | undefined, @Res({ passthrough: true }) res: Response): Promise<ReturnedUserProfile> {
    const found = await this.currentUser.current(caller);
    return found ? { user: withEtag(res, found) } : {};
  }

  @Post('select')
  @Authenticated()
  @ApiErrors(ErrorCode.Forbidden)
  @ApiProfileHeaders()
  @HttpCode(200)
  async selectUser(@CurrentPrincipal() caller: Principal, @Body() body: Auth0User, @RequestId() requestId: string | null, @Res({ passthrough: true }) res: Response): Promise<UserProfile> {
    return withEtag(res, await this.currentUser.select(caller, body, requestId));
  }

  @Post('clear')
  @Authenticated()
  @HttpCode(204)
  clearUser(@CurrentPrincipal() caller: Principal, @Attributed() by: Attribution): Promise<void> {
    return this.currentUser.clear(caller, by);
  }

  @Get('refresh')
  @Authenticated()
  @ApiErrors(ErrorCode.NotFound)
  @ApiProfileHeaders()
  async refreshUser(@CurrentPrincipal() caller: Principal, @Res({ passthrough: true }) res: Response): Promise<UserProfile> {
    return withEtag(res, await this.currentUser.required(caller));
  }

  @Post('update')
  @Authenticated()
  @ApiErrors(ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.PreconditionFailed)
  @ApiProfileHeaders()
  @ApiHeader({ name: 'If-Match', required: false, description: 'The `ETag` of the profile as read; the update is refused with 412 if it changed since.' })
  @HttpCode(200)
  async updateUser(@CurrentPrincipal() caller: Principal, @Body() body: UserProfile, @Headers('if-match') ifMatch: string | undefined, @Attributed() by: Attribution, @Res({ passthrough: true }) res: Response): Promise<UserProfile> {
    return withEtag(res, await this.currentUser.update(caller, body, parseIfMatch(ifMatch), by));
  }

  /** 511 for an anonymous caller, as the Pieces spec documents. */
  @Post('update/vanity')
  @SignInFirst()
  @ApiErrors(ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.Conflict)
  @ApiProfileHeaders()
  @HttpCode(200)
  async userUpdateVanity(@CurrentPrincipal() caller: Principal, @Body() body: UserProfile, @Attributed() by: Attribution, @Res({ passthrough: true }) res: Response): Promise<UserProfile> {
    return withEtag(res, await this.currentUser.updateVanity(caller, body, by));
  }

  @Post('beta/status')
  @SignInFirst()
  @ApiErrors(ErrorCode.Forbidden, ErrorCode.NotFound)
  @HttpCode(200)
  userBetaStatus(@CurrentPrincipal() caller: Principal, @Body() body: UserBetaStatus, @Attributed() by: Attribution): Promise<UserBetaStatus> {
    return this.currentUser.setBetaStatus(caller, body, by);
  }

  @Get('providers')
  @Authenticated()
  async userProviders(@CurrentPrincipal() caller: Principal, @Res({ passthrough: true }) res: Response): Promise<ReturnedUserProfile> {
    const found = await this.currentUser.current(caller);
    return found ? { user: withEtag(res, found) } : {};
  }

  /** Plain GET: the current profile, or JSON `null` when anonymous (the WebSocket upgrade is handled by the stream: frames of UserProfile or `null`). */
  @Get('stream')
  @Public()
  @ApiProfileHeaders()
  @ApiExtension('x-websocket', { subprotocol: STREAM_BEARER_PROTOCOL, frames: 'UserProfile, or null when signed out (then the server closes)', closeCodes: STREAM_CLOSE_CODES })
  async streamUser(@CurrentPrincipal() caller: Principal | undefined, @Res() res: Response): Promise<void> {
    const found = await this.currentUser.current(caller);
    if (found) res.setHeader('ETag', found.etag);
    res.json(found ? found.profile : null);
  }
}
