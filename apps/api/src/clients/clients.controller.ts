import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Client, ClientAccessKey, ClientCollection, CreateClientRequest } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { ClientsService } from './clients.service';
import { ErrorCode } from '../errors/app-error';
import { ApiErrors } from '../openapi/api-errors.decorator';

@RequirePermission('clients:write')
@Controller('v1/clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  createClient(@CurrentPrincipal() caller: Principal, @Body() body: CreateClientRequest): Promise<Client> {
    return this.clients.create(caller, body);
  }

  @Get()
  async getClients(): Promise<ClientCollection> {
    return { clients: await this.clients.list() };
  }

  @Post(':clientId/access-keys')
  @ApiErrors(ErrorCode.NotFound)
  createAccessKey(@Param('clientId') clientId: string): Promise<ClientAccessKey> {
    return this.clients.createAccessKey(clientId);
  }

  @Delete(':clientId/access-keys/:keyId')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(204)
  deleteAccessKey(@Param('clientId') clientId: string, @Param('keyId') keyId: string): Promise<void> {
    return this.clients.revokeAccessKey(clientId, keyId);
  }
}
