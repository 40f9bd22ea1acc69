import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthEpochService } from './auth-epoch.service';
import { AuthGuard } from './auth.guard';
import { CredentialState } from './credential-state';
import { OidcDiscovery } from './oidc-discovery';
import { OwnIssuerService } from './own-issuer.service';
import { TokenVerifier } from './token-verifier.service';
import { WellKnownController } from './well-known.controller';

@Global()
@Module({
  controllers: [WellKnownController],
  providers: [AuthEpochService, CredentialState, OidcDiscovery, OwnIssuerService, TokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthEpochService, OwnIssuerService, TokenVerifier],
})
export class AuthModule {}
