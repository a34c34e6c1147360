import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError, hasPermission } from '@yakuba/contracts';
import { ClientIp, CurrentUser, RequirePermissions } from '../auth/decorators';
import type { Principal } from '../auth/principal';
import { DirectoryService } from './directory.service';
import { ApiNoContent, ApiResult } from '../http/api-result';
import { CreateUserDto, ListUsersQuery, ResetPasswordDto, UpdateUserDto } from './dto/user.dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('not_found', 'user not found') });

@ApiTags('directory')
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @ApiResult(['DepartmentView'])
  @Get('departments')
  @RequirePermissions('directory.read')
  @ApiOperation({ summary: 'Departments of the town hall: [{ id, code, name, nameEn, sortOrder }].' })
  departments() {
    return this.directory.listDepartments();
  }

  @ApiResult(['DirectoryUserView'])
  @Get('users')
  @RequirePermissions('directory.read')
  @ApiOperation({ summary: 'The staff directory: [{ id, username, displayName, departmentId, position, roles, active }].' })
  async users(@CurrentUser() user: Principal, @Query() query: ListUsersQuery, @Res({ passthrough: true }) res: Response) {
    // Serialised by PostgreSQL: sent as it comes (see DirectoryService.listUsersJson). The browser keeps it and asks
    // again with its ETag each time (no-cache): unchanged, the answer is a 304 with no body.
    const { json, etag } = await this.directory.listUsersJson(query, hasPermission(user.roles, 'directory.manage'));
    res.type('application/json');
    res.setHeader('Cache-Control', 'private, no-cache');
    if (etag) res.setHeader('ETag', etag);
    return json;
  }

  @ApiResult('UserView')
  @Get('users/:id')
  @RequirePermissions('directory.read')
  @ApiOperation({ summary: 'One member of staff.' })
  user(@CurrentUser() user: Principal, @Param('id', uuid) id: string) {
    return this.directory.getUser(id, hasPermission(user.roles, 'directory.manage'));
  }

  @ApiResult('UserView')
  @Post('users')
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Create an account (administrators). 409 when the username exists.' })
  create(@CurrentUser() actor: Principal, @Body() dto: CreateUserDto, @ClientIp() ip: string) {
    return this.directory.createUser(actor, dto, ip);
  }

  @ApiResult('UserView')
  @Patch('users/:id')
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: 'Edit an account; `active: false` disables it and ends its sessions.' })
  update(@CurrentUser() actor: Principal, @Param('id', uuid) id: string, @Body() dto: UpdateUserDto, @ClientIp() ip: string) {
    return this.directory.updateUser(actor, id, dto, ip);
  }

  @ApiNoContent()
  @Post('users/:id/password')
  @HttpCode(204)
  @RequirePermissions('directory.manage')
  @ApiOperation({ summary: "Reset someone's password (administrators); ends their sessions." })
  resetPassword(@CurrentUser() actor: Principal, @Param('id', uuid) id: string, @Body() dto: ResetPasswordDto, @ClientIp() ip: string) {
    return this.directory.resetPassword(actor, id, dto.password, ip);
  }

  @ApiResult('CsvImportReport')
  @Post('users/import')
  @HttpCode(200)
  @RequirePermissions('directory.manage')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 2 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'dryRun', required: false, type: Boolean })
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'CSV, UTF-8 or Shift_JIS' } } } })
  @ApiOperation({ summary: 'Import staff from CSV (ユーザー名,氏名,所属,職名,権限,初期パスワード). All rows or none: the report lists every bad row.' })
  import(@CurrentUser() actor: Principal, @UploadedFile() file: Express.Multer.File | undefined, @ClientIp() ip: string, @Query('dryRun') dryRun?: string) {
    if (!file) throw new DomainError('bad_request', 'file: a CSV file is required');
    return this.directory.importCsv(actor, file.buffer, ip, dryRun === 'true');
  }
}
