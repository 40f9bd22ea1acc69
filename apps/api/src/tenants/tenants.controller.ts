import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { Tenant, TenantCollection, TenantUser } from '@roster/dto';
import { RequirePermission } from '../auth/access.decorators';
import { TenantsService } from './tenants.service';
import { ErrorCode } from '../errors/app-error';
import { Attributed } from '../events/attributed.decorator';
import { Attribution } from '../events/attribution';
import { ApiErrors } from '../openapi/api-errors.decorator';

/** Authress tenants: the small CRUD needed to group users and list them by tenant. */
@Controller('v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @RequirePermission('tenants:write')
  @ApiErrors(ErrorCode.Conflict)
  createTenant(@Body() body: Tenant, @Attributed() by: Attribution): Promise<Tenant> {
    return this.tenants.create(body, by);
  }

  @Get()
  @RequirePermission('tenants:read')
  async getTenants(): Promise<TenantCollection> {
    return { tenants: await this.tenants.list() };
  }

  @Get(':tenantId')
  @RequirePermission('tenants:read')
  @ApiErrors(ErrorCode.NotFound)
  getTenant(@Param('tenantId') tenantId: string): Promise<Tenant> {
    return this.tenants.get(tenantId);
  }

  @Delete(':tenantId')
  @RequirePermission('tenants:write')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(204)
  deleteTenant(@Param('tenantId') tenantId: string, @Attributed() by: Attribution): Promise<void> {
    return this.tenants.delete(tenantId, by);
  }

  @Patch(':tenantId/users')
  @RequirePermission('tenants:write')
  @ApiErrors(ErrorCode.NotFound)
  @HttpCode(204)
  linkTenantUser(@Param('tenantId') tenantId: string, @Body() body: TenantUser, @Attributed() by: Attribution): Promise<void> {
    return this.tenants.linkUser(tenantId, body, by);
  }
}
