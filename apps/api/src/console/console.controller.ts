import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ConsoleConfiguration, ConsoleSession, CreateConsoleSessionRequest } from '@roster/dto';
import { Authenticated, Public } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { AppError, ErrorCode } from '../errors/app-error';
import { RequestId } from '../events/attributed.decorator';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { ConsoleSignInService } from './console-sign-in.service';

/** Signing in to the console: the operations the console itself calls before and after it has a session. */
@Controller('v1/console')
export class ConsoleController {
  constructor(private readonly signIn: ConsoleSignInService) {}

  /** How the console signs in here: the OIDC provider, when configured. */
  @Get('configuration')
  @Public()
  getConsoleConfiguration(): ConsoleConfiguration {
    return this.signIn.configuration();
  }

  /** Exchanges a one-time sign-in code (or an OIDC ID token) for a console session of at most 8 hours. */
  @Post('sessions')
  @Public()
  @ApiErrors(ErrorCode.Forbidden)
  createConsoleSession(@Body() body: CreateConsoleSessionRequest, @RequestId() requestId: string | null): Promise<ConsoleSession> {
    return this.signIn.signIn(body, requestId);
  }

  /** Signs out: the caller's console session ends, on every replica. */
  @Delete('sessions/current')
  @Authenticated()
  @ApiErrors(ErrorCode.Forbidden)
  @HttpCode(204)
  async deleteConsoleSession(@CurrentPrincipal() principal: Principal, @RequestId() requestId: string | null): Promise<void> {
    if (principal.kind !== 'console') throw new AppError(ErrorCode.Forbidden, 'Only a console session can sign out of the console.');
    await this.signIn.signOut(principal, requestId);
  }
}
