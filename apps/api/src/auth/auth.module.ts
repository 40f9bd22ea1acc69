import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConsoleSessionsRepository } from '../console/console-sessions.repository';
import { AuthGuard } from './auth.guard';
import { CredentialStateRepository } from './credential-state.repository';
import { OidcDiscovery } from './oidc-discovery';
import { OwnIssuerService } from './own-issuer.service';
import { RevocationEpochRepository } from './revocation-epoch.repository';
import { RevocationEpoch } from './revocation-epoch.service';
import { SigningKeysRepository } from './signing-keys.repository';
import { TokenVerifier } from './token-verifier.service';
import { WellKnownController } from './well-known.controller';

@Global()
@Module({
  controllers: [WellKnownController],
  providers: [ConsoleSessionsRepository, RevocationEpoch, RevocationEpochRepository, CredentialStateRepository, SigningKeysRepository, OidcDiscovery, OwnIssuerService, TokenVerifier, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ConsoleSessionsRepository, OidcDiscovery, RevocationEpoch, OwnIssuerService, TokenVerifier],
})
export class AuthModule {}
