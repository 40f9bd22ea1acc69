import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { Public } from '../auth/access.decorators';
import { AppConfig } from '../config/app-config';

/** `GET /` is where a person lands first: send them to the interactive docs. */
@Public()
@ApiExcludeController()
@Controller()
export class DocsRedirectController {
  /** Under PUBLIC_URL's path, so it also works behind a proxy that serves Roster under a prefix. */
  private readonly docs = `${new URL(this.config.http.publicUrl).pathname.replace(/\/+$/, '')}/docs`;

  constructor(private readonly config: AppConfig) {}

  @Get()
  root(@Res() res: Response): void {
    res.redirect(302, this.docs);
  }
}
