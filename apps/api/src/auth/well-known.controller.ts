import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '../errors/app-error';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { Public } from './access.decorators';
import { OwnIssuerService } from './own-issuer.service';

/** Discovery and keys of Roster's own issuer. */
@Public()
@ApiErrors(ErrorCode.NotFound)
@Controller('.well-known')
export class WellKnownController {
  constructor(private readonly ownIssuer: OwnIssuerService) {}

  @Get('jwks.json')
  jwks() {
    if (!this.ownIssuer.enabled) throw new NotFoundException();
    return this.ownIssuer.publicKeys();
  }

  @Get('openid-configuration')
  configuration() {
    if (!this.ownIssuer.enabled) throw new NotFoundException();
    const issuer = this.ownIssuer.issuer;
    return {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['EdDSA'],
      subject_types_supported: ['public'],
      response_types_supported: ['id_token'],
    };
  }
}
