import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Client, ClientAccessKey, ClientCollection, ClientWithKeys, CreateClientRequest, UpdateClientRequest } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal } from '../auth/principal';
import { ClientsService } from './clients.service';
import { ErrorCode } from '../errors/app-error';
import { Attributed } from '../events/attributed.decorator';
import { Attribution } from '../events/attribution';
import { ApiErrors } from '../openapi/api-errors.decorator';

/**
 * Service clients. Besides `clients:write`, creating a client, changing or deleting it and creating or
 * revoking its keys need every permission that client holds (or will hold): 403 otherwise.
 */
@RequirePermission('clients:write')
@Controller('v1/clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  createClient(@CurrentPrincipal() caller: Principal, @Body() body: CreateClientRequest, @Attributed() by: Attribution): Promise<Client> {
    return this.clients.create(caller, body, by);
  }

  @Get()
  async getClients(): Promise<ClientCollection> {
    return { clients: await this.clients.list() };
  }

  @Get(':clientId')
  @ApiErrors(ErrorCode.NotFound)
  getClient(@Param('clientId') clientId: string): Promise<ClientWithKeys> {
    return this.clients.get(clientId);
  }

  @Patch(':clientId')
  @ApiErrors(ErrorCode.NotFound)
  updateClient(@CurrentPrincipal() caller: Principal, @Param('clientId') clientId: string, @Body() body: UpdateClientRequest, @Attributed() by: Attribution): Promise<Client> {
    return this.clients.update(caller, clientId, body, by);
  }

  @Delete(':clientId')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(204)
  deleteClient(@CurrentPrincipal() caller: Principal, @Param('clientId') clientId: string, @Attributed() by: Attribution): Promise<void> {
    return this.clients.remove(caller, clientId, by);
  }

  @Post(':clientId/access-keys')
  @ApiErrors(ErrorCode.NotFound)
  createAccessKey(@CurrentPrincipal() caller: Principal, @Param('clientId') clientId: string, @Attributed() by: Attribution): Promise<ClientAccessKey> {
    return this.clients.createAccessKey(caller, clientId, by);
  }

  @Delete(':clientId/access-keys/:keyId')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(204)
  deleteAccessKey(@CurrentPrincipal() caller: Principal, @Param('clientId') clientId: string, @Param('keyId') keyId: string, @Attributed() by: Attribution): Promise<void> {
    return this.clients.revokeAccessKey(caller, clientId, keyId, by);
  }
}
